# Time R (data.table + lm) on issue 4's measures over jamlik's long result table, the same table
# `jamlik inequality` reads: for every indicator × area × period × ordered dimension with all
# estimates and populations and at least three subgroups,
#   - SII, linear form as PHE (jamlik's sii_linear): population-weighted least squares of the
#     estimate on the subgroups' midpoint cumulative population share X (0 = most disadvantaged);
#     SII = slope; se from the HC1 sandwich covariance, as jamlik and HEAT;
#   - RCI (HEAT, grouped data): Σ p_j (2X_j − 1) y_j / μ; se from HEAT's convenient regression,
#     lm(2σ²_X (y_j/μ) √n_j ~ 0 + √n_j + X_j √n_j), the slope's OLS se.
# Prints one JSON line (read_ms: fread of the table; compute_ms: the measures). With a second
# argument, writes the measures there as CSV (not timed).
#   Rscript bench/inequality_bench.R RESULTS_CSV [MEASURES_CSV] [THREADS]
suppressPackageStartupMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
setDTthreads(if (length(args) >= 3) as.integer(args[3]) else 2L)
keys <- c("indicator", "area_level", "area", "period", "dimension")

start <- Sys.time()
results <- fread(args[1], colClasses = list(character = c("area", "period", "subgroup")),
                 select = c(keys, "subgroup", "subgroup_order", "ordered_dimension", "estimate",
                            "population"), showProgress = FALSE)
read_ms <- as.numeric(difftime(Sys.time(), start, units = "secs")) * 1000

start <- Sys.time()
# Crossed dimensions ("kon × utbildning") are left out, as `jamlik inequality` does without --crossed.
ordered <- results[as.logical(ordered_dimension) %in% TRUE & !grepl(" × ", dimension, fixed = TRUE)]
setorderv(ordered, c(keys, "subgroup_order"))
usable <- ordered[, .(ok = .N >= 3 && !anyNA(estimate) && !anyNA(population) && sum(population) > 0),
                  by = keys][ok == TRUE]
ordered <- ordered[usable, on = keys]
measures <- ordered[, {
  n <- population
  J <- length(n)
  p <- n / sum(n)
  X <- cumsum(p) - p / 2
  fit <- lm(estimate ~ X, weights = n)
  design <- cbind(1, X)
  bread <- solve(crossprod(design, n * design))
  meat <- crossprod(design * (n * residuals(fit)))
  covariance <- bread %*% meat %*% bread * (J / (J - 2))
  mu <- sum(p * estimate)
  variance_of_rank <- sum(p * (X - 0.5)^2)
  rci <- rci_se <- NA_real_
  if (mu != 0) {  # RCI is undefined at μ = 0, as in jamlik
    root <- sqrt(n)
    lhs <- 2 * variance_of_rank * (estimate / mu) * root
    convenient <- lm(lhs ~ 0 + root + I(X * root))
    rci <- sum(p * (2 * X - 1) * estimate) / mu
    rci_se <- suppressWarnings(summary(convenient))$coefficients[2, 2]  # exact fits warn
  }
  list(measure = c("sii_linear", "rci"), estimate = c(unname(coef(fit)[2]), rci),
       se = c(sqrt(covariance[2, 2]), rci_se))
}, by = keys]
compute_ms <- as.numeric(difftime(Sys.time(), start, units = "secs")) * 1000
if (length(args) >= 2) fwrite(measures, args[2])

cat(sprintf('{"tool": "R", "read_ms": %.1f, "compute_ms": %.1f, "sets": %d, "measures": %d}\n',
            read_ms, compute_ms, nrow(usable), nrow(measures)))
