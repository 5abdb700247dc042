# Time R data.table on the comparison's two tasks: (a) load the CSV (fread), (b) group by
# municipality × sex × education with counts and sums of the outcomes. Prints one JSON line.
suppressPackageStartupMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
setDTthreads(as.integer(args[2]))

start <- Sys.time()
# Codes keep their leading zeros as text, as jamlik does.
persons <- fread(args[1], colClasses = list(character = c("lan", "kommun", "deso")),
                 encoding = "UTF-8", showProgress = FALSE)
load_ms <- as.numeric(difftime(Sys.time(), start, units = "secs")) * 1000

start <- Sys.time()
result <- persons[, .(n = .N, dod = sum(dod), hemtjanst = sum(hemtjanst, na.rm = TRUE),
                      gymnasiebehorig = sum(gymnasiebehorig, na.rm = TRUE),
                      vardtimmar = sum(vardtimmar, na.rm = TRUE), inkomst = sum(inkomst, na.rm = TRUE)),
                  by = .(kommun, kon, utbildning)]
group_ms <- as.numeric(difftime(Sys.time(), start, units = "secs")) * 1000

cat(sprintf('{"tool": "data.table", "load_ms": %.1f, "group_by_ms": %.1f, "groups": %d}\n',
            load_ms, group_ms, nrow(result)))
