#Reference values for src / stats / regression_test.cpp, computed with R's lm and glm (base R) and the
#sandwich package 's vcovHC (HC0, HC1): an implementation independent of ours (QR for lm, R' s own
#IRLS for glm).Run : Rscript src / stats / regression_reference.R(R 4.2.2, sandwich 3.0 - 2 on
#Debian 12 : apt - get install r - base - core r - cran - sandwich); \
    paste the printed lines into the test.
suppressPackageStartupMessages(library(sandwich))

        show <
    -function(name, values){cat(sprintf("  // %s\n  {%s},\n", name,
                                        paste(sprintf("%.17g", values), collapse = ", ")))} report <
    -function(label, fit, unscaled = FALSE) {
  cat(sprintf("%s\n", label)) show("coefficients", coef(fit))
      show("se (ordinary)", sqrt(diag(vcov(fit)))) if (unscaled)
          show("se (known variance: (X'WX)^-1)", sqrt(diag(summary(fit) $cov.unscaled)))
              show("se HC0", sqrt(diag(vcovHC(fit, type = "HC0"))))
                  show("se HC1", sqrt(diag(vcovHC(fit, type = "HC1"))))
                      show("cov HC1 [1,2]", vcovHC(fit, type = "HC1")[1, 2])
}

# 1. Longley(1967), the NIST StRD test of least squares : Employed on the six others.R's data set
#has Employed in millions; NIST's certified values (in thousands) agree to 14 digits after /1000.
data(longley) report("longley: lm(Employed ~ .)", lm(Employed ~., data = longley))

# 2. Weighted least squares : mtcars, mpg on weight and horsepower with the cylinders as weights.
        data(mtcars) report("mtcars: lm(mpg ~ wt + hp, weights = cyl)",
                            lm(mpg ~wt + hp, data = mtcars, weights = cyl), unscaled = TRUE)

# 3. Logistic regression on grouped binomial data : Bliss(1935) beetle mortality(Dobson &
#Barnett, An Introduction to Generalized Linear Models, 3rd ed., table 7.2).
            dose < -c(1.6907, 1.7242, 1.7552, 1.7842, 1.8113, 1.8369, 1.8610, 1.8839) beetles <
    -c(59, 60, 62, 56, 63, 59, 62, 60) killed < -c(6, 13, 18, 28, 52, 53, 61, 60)
#glm's default convergence (epsilon 1e-8 on the deviance) is tightened to 1e-13.
                                                    tight <
    -glm.control(epsilon = 1e-13, maxit = 100)
         report("beetles: glm(cbind(killed, beetles - killed) ~ dose, binomial)",
                glm(cbind(killed, beetles - killed) ~dose, family = binomial, control = tight))

# 4. The same with each group weighted by its size as well, as HEAT's SII fits subgroups: a prior
#weight t on a group of t trials is R's weights = t * t on the proportion killed.
             report("beetles weighted: glm(killed / beetles ~ dose, weights = beetles^2, binomial)",
                    glm(killed / beetles ~dose, weights = beetles ^ 2, family = binomial,
                        control = tight))
