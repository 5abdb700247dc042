ragged_too_few.csv:7:20: rad 7 har 4 fält, rubriken har 5
