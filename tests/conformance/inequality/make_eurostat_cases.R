#!/usr/bin/env Rscript
# Compute eurostat_cases.csv: S80/S20, P90/P10 and the Palma ratio in Eurostat's EU-SILC
# convention (whole persons), the default of Jämlik's s80_s20, p90_p10 and palma.
#
# Independent of Jämlik's C++ code: base R from the definitions, on the vectors of
# ../shared/conformance/inequality/distribution_vectors.csv and eurostat_vectors.csv beside this
# script. Run from this folder:
#     Rscript make_eurostat_cases.R > eurostat_cases.csv
#
# The weighted percentile is laeken's weightedQuantile (Alfons & Templ 2013), written out here
# because laeken is not installed: the first value whose cumulative weight share reaches p, the
# mean of it and the next value when the share equals p exactly. S80/S20 is Eurostat's ratio of
# the totals of the persons above P80 and at or below P20 (laeken's qsr divides their means,
# which is the same when each group holds exactly a fifth of the weight); Palma the same with
# P90 and P40. NA: undefined (Jämlik's reason empty_top_group).

weighted_percentile <- function(x, w, p) {
  o <- order(x)
  x <- x[o]
  w <- w[o]
  keep <- w > 0
  x <- x[keep]
  w <- w[keep]
  share <- cumsum(w) / sum(w)
  i <- min(which(share >= p))
  if (share[i] == p && i < length(x)) mean(x[i:(i + 1)]) else x[i]
}

# NA when nobody lies above the top cut (all equal, or too few persons for the cut).
top_over_bottom <- function(x, w, top, bottom) {
  above <- x > weighted_percentile(x, w, top)
  below <- x <= weighted_percentile(x, w, bottom)
  if (!any(above & w > 0)) return(NA)
  sum(w[above] * x[above]) / sum(w[below] * x[below])
}

shared <- read.csv(file.path("..", "..", "..", "..", "shared", "conformance", "inequality",
                             "distribution_vectors.csv"))
local <- read.csv("eurostat_vectors.csv")
vectors <- rbind(shared[shared$case %in% c("five", "five_weighted", "twenty"), ], local)

cat("case,measure,estimate,note\n")
for (name in unique(vectors$case)) {
  v <- vectors[vectors$case == name, ]
  x <- v$value
  w <- v$weight
  p9010 <- weighted_percentile(x, w, 0.9) / weighted_percentile(x, w, 0.1)
  cat(sprintf("%s,s80_s20,%.17g,Eurostat: total above P80 / total at or below P20\n", name,
              top_over_bottom(x, w, 0.8, 0.2)))
  cat(sprintf("%s,p90_p10,%.17g,Eurostat weighted percentiles (laeken weightedQuantile)\n", name,
              p9010))
  cat(sprintf("%s,palma,%.17g,whole persons: total above P90 / total at or below P40\n", name,
              top_over_bottom(x, w, 0.9, 0.4)))
}
