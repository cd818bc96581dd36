/* runner/strength.c - see strength.h.  Everything is done in logarithms:
 * k^(d-1) overflows a double for k = 10^6 and d = 60, and 1 - (1 - p)^r
 * is 0 in plain floating point for p below 1e-16. */
#include "runner/strength.h"

#include <math.h>

double strength_pct_per_run(int64_t n, int64_t k, int d)
{
  double ln;

  if (n < 1)
    n = 1;
  if (k < 1)
    k = 1;
  if (d < 1)
    d = 1;
  ln = -log((double)n) - (double)(d - 1) * log((double)k);
  return exp(ln); /* exp of a very negative number is 0, not NaN */
}

double strength_found(double p, int64_t runs)
{
  double found;

  if (runs <= 0 || p <= 0)
    return 0;
  if (p >= 1)
    return 1;
  found = -expm1((double)runs * log1p(-p));
  /* 1 - 1e-30 rounds to 1.0; a bound below certainty must stay below. */
  return found < 1 ? found : nextafter(1.0, 0.0);
}

/* pct in (0, 0.01): two significant digits, rounded down ("0.0012%");
 * below 1e-12 % nothing useful is left to say but "0%". */
static void put_tiny_percent(double pct, Buf *out)
{
  int e = (int)floor(log10(pct));
  double scale = pow(10.0, 1 - e), digits = floor(pct * scale);

  if (e < -12) {
    buf_puts(out, "0%");
    return;
  }
  buf_printf(out, "%.*f%%", 1 - e, digits / scale);
}

void strength_format_percent(double prob, Buf *out)
{
  double hundredths;

  if (prob >= 1) {
    buf_puts(out, "100%");
    return;
  }
  if (!(prob > 0)) {
    buf_puts(out, "0%");
    return;
  }
  hundredths = floor(prob * 10000.0);
  if (hundredths < 1) {
    put_tiny_percent(prob * 100.0, out);
    return;
  }
  if (hundredths > 9999)
    hundredths = 9999; /* below 1 must not print as 100.00% */
  buf_printf(out, "%.2f%%", hundredths / 100.0);
}
