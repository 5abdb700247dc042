bad_integer.csv:3:6: rad 3, kolumn 'alder': 'tolv' är inte ett heltal
