/* cmd_compare.c - `panicroom compare FILE.go|ID [--fixed] [-- ARGS]`:
 * runs the file in the lab engine and under the real toolchain (`go
 * run`), each in a forked child under run's limits, shows both outputs
 * side by side, and ends with one line saying whether they agree.  An ID
 * names a lesson's broken.go, or its fixed.go with --fixed
 * (lessons/resolve.h).
 *
 * "Agree" means the same exit status and the same first stderr line: the
 * line that names the crash (`panic: ...`, `fatal error: ...`) or the first
 * compile error; addresses and goroutine numbers further down legitimately
 * differ.  go run's own habits are undone first (shared/ground-truth.md):
 * it exits 1 and adds "exit status N" for a program that exited N, heads
 * compile errors with "# command-line-arguments", and writes "./" before a
 * file name in the current directory.
 *
 * Layout: two columns when the terminal is at least 80 wide (tabs
 * expanded, long lines wrapped), else one engine above the other.
 * Exit status: 0 agree, 1 differ, 2 could not compare (no go toolchain,
 * unreadable file, the sandbox failed).
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/mem.h"
#include "base/os.h"
#include "lessons/resolve.h"
#include "runner/gorun.h"
#include "runner/run.h"
#include "runner/verify.h"

#define COMPARE_MIN_SIDE_BY_SIDE 80
#define COMPARE_TAB 4
#define COMPARE_WALL_MS 15000
#define COMPARE_CPU_S 10

/* One engine's run, reduced to what is shown and compared. */
typedef struct Side {
  const char *title;   /* "lab engine", "go run" */
  int status;          /* the program's exit status, normalised */
  Buf out, err;        /* what is shown */
  Buf first;           /* first error line, normalised */
} Side;

/* --- layout -------------------------------------------------------------- */

static int terminal_width(void)
{
  struct winsize ws;
  const char *cols = getenv("COLUMNS");

  if (isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
    return ws.ws_col;
  if (cols && atoi(cols) > 0)
    return atoi(cols);
  return COMPARE_MIN_SIDE_BY_SIDE;
}

/* Splits text into display rows of at most width columns: tabs expanded,
 * control bytes shown as '?', UTF-8 continuation bytes taking no column.
 * Each row is appended to rows as a NUL-separated string; returns the
 * count. */
static int wrap_rows(const char *text, size_t n, int width, Buf *rows)
{
  int count = 0, col = 0;

  for (size_t i = 0; i <= n; i++) {
    unsigned char c = i < n ? (unsigned char)text[i] : '\n';

    if (c == '\n' || col >= width) {
      buf_putc(rows, '\0');
      count++;
      col = 0;
      if (c == '\n') {
        if (i + 1 == n)
          break; /* a final newline ends the last row, opens none */
        continue;
      }
    }
    if (c == '\t') {
      do
        buf_putc(rows, ' ');
      while (++col % COMPARE_TAB && col < width);
    } else {
      buf_putc(rows, c < 0x20 || c == 0x7f ? '?' : (char)c);
      col += (c & 0xC0) != 0x80;
    }
  }
  return n == 0 ? 0 : count;
}

/* The display width of a row (see wrap_rows). */
static int row_width(const char *s)
{
  int w = 0;

  for (; *s; s++)
    w += ((unsigned char)*s & 0xC0) != 0x80;
  return w;
}

typedef struct Rows {
  Buf text;     /* the rows, NUL-separated */
  size_t *off;  /* where each starts in text; owned */
  int n;
} Rows;

static void rows_make(Rows *r, const char *text, size_t n, int width)
{
  size_t at = 0;

  memset(r, 0, sizeof *r);
  r->n = wrap_rows(text, n, width, &r->text);
  r->off = xcalloc((size_t)r->n + 1, sizeof *r->off);
  for (int i = 0; i < r->n; i++) {
    r->off[i] = at;
    at += strlen(r->text.data + at) + 1;
  }
}

static const char *rows_at(const Rows *r, int i)
{
  return i < r->n ? r->text.data + r->off[i] : "";
}

static void rows_fini(Rows *r)
{
  buf_fini(&r->text);
  free(r->off);
}

static void put_pair(Buf *out, const char *left, const char *right,
                     int width)
{
  buf_puts(out, left);
  for (int w = row_width(left); w < width; w++)
    buf_putc(out, ' ');
  buf_puts(out, right[0] ? " | " : " |");
  buf_puts(out, right);
  buf_putc(out, '\n');
}

/* One section (stdout or stderr) of both sides, row against row. */
static void put_columns(Buf *out, const char *label, const Buf *l,
                        const Buf *r, int width)
{
  Rows a, b;
  char head[64];

  snprintf(head, sizeof head, "--- %s ---", label);
  put_pair(out, head, head, width);
  rows_make(&a, l->data ? l->data : "", l->len, width);
  rows_make(&b, r->data ? r->data : "", r->len, width);
  for (int i = 0; i < a.n || i < b.n; i++)
    put_pair(out, rows_at(&a, i), rows_at(&b, i), width);
  rows_fini(&a);
  rows_fini(&b);
}

static void side_title(const Side *s, char *buf, size_t n)
{
  snprintf(buf, n, "%s: exit %d", s->title, s->status);
}

static void put_side_by_side(Buf *out, const Side *l, const Side *r,
                             int total)
{
  int width = (total - 3) / 2;
  char tl[96], tr[96];

  side_title(l, tl, sizeof tl);
  side_title(r, tr, sizeof tr);
  put_pair(out, tl, tr, width);
  put_columns(out, "stdout", &l->out, &r->out, width);
  put_columns(out, "stderr", &l->err, &r->err, width);
}

static void put_stacked_text(Buf *out, const char *label, const Buf *text)
{
  buf_printf(out, "--- %s ---\n", label);
  buf_append(out, text->data ? text->data : "", text->len);
  if (text->len && text->data[text->len - 1] != '\n')
    buf_putc(out, '\n');
}

static void put_stacked(Buf *out, const Side *l, const Side *r)
{
  const Side *sides[2] = {l, r};

  for (int i = 0; i < 2; i++) {
    char t[96];

    side_title(sides[i], t, sizeof t);
    buf_printf(out, "=== %s ===\n", t);
    put_stacked_text(out, "stdout", &sides[i]->out);
    put_stacked_text(out, "stderr", &sides[i]->err);
  }
}

/* --- the two runs --------------------------------------------------------- */

/* The first line of text, without a leading "# command-line-arguments"
 * (go's header over compile errors), and with the directory of a
 * "DIR/FILE.go:LINE:COL: msg" position dropped: go names the file
 * relative to the current directory ("./x.go", "../x.go"), the lab engine
 * as it was given. */
static void first_line(const Buf *text, Buf *first)
{
  static const char header[] = "# command-line-arguments\n";
  const char *p = text->data ? text->data : "";
  size_t n;
  const char *go, *slash;

  if (strncmp(p, header, sizeof header - 1) == 0)
    p += sizeof header - 1;
  n = strcspn(p, "\n");
  go = strstr(p, ".go:");
  if (go && go < p + n && !memchr(p, ' ', (size_t)(go - p))) {
    for (slash = go; slash > p && slash[-1] != '/'; slash--)
      ;
    n -= (size_t)(slash - p);
    p = slash;
  }
  buf_append(first, p, n);
}

/* first_line() of text's first n bytes: go run's stderr without its
 * "exit status N" line. */
static void first_line_upto(const Buf *text, size_t n, Buf *first)
{
  Buf cut = BUF_INIT;

  buf_append(&cut, text->data ? text->data : "", n);
  first_line(&cut, first);
  buf_fini(&cut);
}

static void side_from(Side *s, const RunResult *r)
{
  capture_text(&r->out, &s->out);
  capture_text(&r->err, &s->err);
}

static int run_lab_side(const char *file, const char *src, size_t len,
                        char **argv, int argc, const RunLimits *lim, Side *s)
{
  VMOptions opts = {.mem_limit = VERIFY_DEFAULT_MEM_LIMIT, .argc = argc,
                    .argv = argv};
  RunResult r;
  int rc = runner_run_source(file, src, len, &opts, lim, &r);

  if (rc < 0) {
    fprintf(stderr, "panicroom: compare: sandbox: %s\n", r.sandbox_error);
  } else {
    Verdict v = verdict_decide(&r);

    side_from(s, &r);
    s->status = v == VERDICT_TIMEOUT ? 124
                : v == VERDICT_SIGNAL ? CLI_INTERNAL : r.exit_status;
    first_line(&s->err, &s->first);
  }
  runner_result_fini(&r);
  return rc;
}

static int run_go_side(const char *go, const char *file, int argc,
                       char **argv, const RunLimits *lim, Side *s)
{
  RunResult r;
  int rc = runner_run_go(go, file, argc, argv, lim, &r);

  if (rc < 0) {
    fprintf(stderr, "panicroom: compare: sandbox: %s\n", r.sandbox_error);
  } else {
    Verdict v = gorun_verdict(&r);
    size_t n;

    side_from(s, &r);
    n = s->err.len;
    s->status = v == VERDICT_TIMEOUT ? 124
                : v == VERDICT_SIGNAL
                    ? 128 + r.signo
                    : gorun_program_status(r.exit_status, s->err.data, &n);
    first_line_upto(&s->err, n, &s->first);
  }
  runner_result_fini(&r);
  return rc;
}

/* --- the verdict line ----------------------------------------------------- */

static void put_quoted(Buf *out, const Buf *s)
{
  buf_putc(out, '"');
  buf_put_escaped(out, s->data, s->len);
  buf_putc(out, '"');
}

/* Appends the agreement line; returns 0 agree, 1 differ. */
static int put_agreement(Buf *out, const Side *lab, const Side *go)
{
  bool same = lab->status == go->status && lab->first.len == go->first.len &&
              (lab->first.len == 0 ||
               memcmp(lab->first.data, go->first.data, lab->first.len) == 0);

  if (same) {
    buf_puts(out, "agree: same first error line and exit status\n");
    return 0;
  }
  buf_printf(out, "differ: lab exit %d ", lab->status);
  put_quoted(out, &lab->first);
  buf_printf(out, " vs go exit %d ", go->status);
  put_quoted(out, &go->first);
  buf_putc(out, '\n');
  return 1;
}

static void side_fini(Side *s)
{
  buf_fini(&s->out);
  buf_fini(&s->err);
  buf_fini(&s->first);
}

static int compare_file(const char *go, const char *file, const char *src,
                        size_t len, int argc, char **args)
{
  RunLimits lim = {.wall_ms = COMPARE_WALL_MS, .cpu_s = COMPARE_CPU_S};
  Side lab = {.title = "lab engine"}, real = {.title = "go run"};
  char **argv = cli_prog_args(file, argc, args);
  Buf out = BUF_INIT;
  int rc = CLI_USAGE, width = terminal_width();

  if (run_lab_side(file, src, len, argv, argc + 1, &lim, &lab) == 0 &&
      run_go_side(go, file, argc, args, &lim, &real) == 0) {
    if (width >= COMPARE_MIN_SIDE_BY_SIDE)
      put_side_by_side(&out, &lab, &real, width);
    else
      put_stacked(&out, &lab, &real);
    rc = put_agreement(&out, &lab, &real);
    if (os_write_all(1, out.data, out.len) < 0)
      rc = CLI_USAGE;
  }
  buf_fini(&out);
  side_fini(&lab);
  side_fini(&real);
  free(argv);
  return rc;
}

int cmd_compare(int argc, char **argv)
{
  const char *file = NULL;
  int nargs = 0;
  char **args = NULL, *src;
  Buf go = BUF_INIT;
  Resolved res;
  bool fixed = false;
  size_t len;
  int rc;

  for (int i = 1; i < argc && !args; i++) {
    if (strcmp(argv[i], "--") == 0) {
      args = argv + i + 1;
      nargs = argc - i - 1;
    } else if (strcmp(argv[i], "--fixed") == 0) {
      fixed = true;
    } else if (argv[i][0] == '-' && argv[i][1]) {
      return cli_usage_error("compare: unknown option %s", argv[i]);
    } else if (file) {
      return cli_usage_error("compare: one file at a time");
    } else {
      file = argv[i];
    }
  }
  if (!file)
    return cli_usage_error("compare: which file? (compare FILE.go|ID)");
  if (resolve_or_say(file, fixed, &res) < 0)
    return CLI_USAGE;
  file = res.path;
  if (!(src = cli_read_source(file, &len))) {
    resolve_fini(&res);
    return CLI_USAGE;
  }
  if (gorun_find(&go) < 0) {
    fprintf(stderr, "panicroom: the go toolchain is not installed "
                    "(apt-get install golang-go)\n");
    rc = CLI_USAGE;
  } else {
    rc = compare_file(buf_cstr(&go), file, src, len, nargs, args);
  }
  buf_fini(&go);
  free(src);
  resolve_fini(&res);
  return rc;
}
