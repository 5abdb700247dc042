duplicate_header.csv:1:18: rad 1: kolumnnamnet 'alder' står två gånger i rubriken (kolumn 2 och 4)
