empty.csv: filen är tom
