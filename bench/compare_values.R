# Check that tools agree: join CSVs on key columns and print, for each value column, the maximum
# absolute difference of each file from the first, with the cells matched and unmatched.
#   Rscript bench/compare_values.R KEYS VALUES NAME=FILE NAME=FILE [NAME=FILE ...] [--filter EXPR]
# KEYS and VALUES are comma-separated column names; --filter selects rows of every file first
# (an R expression over the columns, e.g. 'is.finite(estimate)').
suppressPackageStartupMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
filter <- NULL
if ((i <- match("--filter", args, nomatch = 0)) > 0) {
  filter <- parse(text = args[i + 1])
  args <- args[-c(i, i + 1)]
}
keys <- strsplit(args[1], ",")[[1]]
values <- strsplit(args[2], ",")[[1]]
files <- args[-(1:2)]
names <- sub("=.*", "", files)
paths <- sub("^[^=]*=", "", files)
read <- function(path) {
  t <- fread(path, colClasses = list(character = keys), select = c(keys, values), showProgress = FALSE)
  if (!is.null(filter)) t <- t[eval(filter)]
  t
}
first <- read(paths[1])
for (k in seq_along(paths)[-1]) {
  other <- read(paths[k])
  joined <- merge(first, other, by = keys, suffixes = c(".a", ".b"))
  diffs <- sapply(values, function(v) {
    d <- abs(joined[[paste0(v, ".a")]] - joined[[paste0(v, ".b")]])
    if (all(is.na(d))) NA_real_ else max(d, na.rm = TRUE)
  })
  cat(sprintf("%s vs %s: %d cells matched (%d and %d in each); max abs difference: %s\n",
              names[k], names[1], nrow(joined), nrow(first), nrow(other),
              paste(sprintf("%s %.3g", values, diffs), collapse = ", ")))
}
