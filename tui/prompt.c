/* tui/prompt.c - libedit on a private pty, painted by the caller (see
 * prompt.h and shared/notes/libedit-in-ncurses.md for what fails
 * otherwise). */
#include "tui/prompt.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <histedit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "base/mem.h"

/* A key is at most a 4-byte escape sequence; 32 is room to spare. */
#define PROMPT_QUEUE 32
/* History entries kept in the file. */
#define PROMPT_HISTORY 500
/* libedit wraps at the pty's width: make it wider than any command. */
#define PROMPT_PTY_COLS 1000

struct Prompt {
  EditLine *el;
  History *hist;
  char *hist_path;
  PromptCompleteFn complete;
  void *ctx;
  bool line_mode;
  int master, slave;      /* full screen: the pty (-1 in line mode) */
  FILE *in, *out;         /* the slave as stdio streams */
  wchar_t queue[PROMPT_QUEUE];
  size_t qhead, qtail;
  Buf listing;
};

static int getc_fn(EditLine *el, wchar_t *c)
{
  Prompt *p;
  el_get(el, EL_CLIENTDATA, &p);
  if (p->qhead == p->qtail)
    return 0; /* never reached: we only call el_gets with keys queued */
  *c = p->queue[p->qhead++];
  return 1;
}

static unsigned char complete_fn(EditLine *el, int ch)
{
  (void)ch;
  Prompt *p;
  el_get(el, EL_CLIENTDATA, &p);
  const LineInfo *li = el_line(el);
  size_t cursor = (size_t)(li->cursor - li->buffer);
  char *line = xstrndup(li->buffer, (size_t)(li->lastchar - li->buffer));
  Buf insert = BUF_INIT;
  buf_clear(&p->listing);
  p->complete(p->ctx, line, cursor, &insert, &p->listing);
  free(line);
  if (insert.len)
    el_insertstr(el, buf_cstr(&insert));
  buf_fini(&insert);
  if (p->line_mode && p->listing.len) {
    fprintf(stdout, "\n%s\n", buf_cstr(&p->listing));
    fflush(stdout);
    return CC_REDISPLAY;
  }
  return insert.len || !p->listing.len ? CC_REFRESH : CC_REFRESH_BEEP;
}

static char *prompt_str(EditLine *el)
{
  Prompt *p;
  el_get(el, EL_CLIENTDATA, &p);
  /* Full screen paints its own ':'; a pipe wants no prompt at all. */
  return (char *)(p->line_mode && isatty(0) ? "panicroom> " : "");
}

static void history_setup(Prompt *p, const char *path)
{
  HistEvent ev;
  p->hist = history_init();
  history(p->hist, &ev, H_SETSIZE, PROMPT_HISTORY);
  history(p->hist, &ev, H_SETUNIQUE, 1);
  p->hist_path = path ? xstrdup(path) : NULL;
  if (path)
    history(p->hist, &ev, H_LOAD, path); /* a missing file is fine */
}

static void editor_setup(Prompt *p)
{
  el_set(p->el, EL_CLIENTDATA, p);
  el_set(p->el, EL_EDITOR, "emacs");
  el_set(p->el, EL_SIGNAL, 0); /* ncurses owns SIGWINCH and SIGINT */
  el_set(p->el, EL_PROMPT, prompt_str);
  el_set(p->el, EL_HIST, history, p->hist);
  /* The wide call: el_set's narrow EL_ADDFN wcsdup()s name and help and
   * never frees them (a leak LeakSanitizer reports at every exit). */
  el_wset(p->el, EL_ADDFN, L"pr-complete", L"complete a command or lesson id",
          complete_fn);
  el_set(p->el, EL_BIND, "^I", "pr-complete", NULL);
}

/* The pty pair: both ends non-blocking, a wide window. */
static int open_pty(Prompt *p, Buf *err)
{
  p->master = posix_openpt(O_RDWR | O_NOCTTY);
  if (p->master < 0 || grantpt(p->master) < 0 || unlockpt(p->master) < 0) {
    buf_printf(err, "pty: %s", strerror(errno));
    return -1;
  }
  const char *name = ptsname(p->master);
  p->slave = name ? open(name, O_RDWR | O_NOCTTY) : -1;
  if (p->slave < 0) {
    buf_printf(err, "pty slave: %s", strerror(errno));
    return -1;
  }
  struct winsize ws = {.ws_row = 50, .ws_col = PROMPT_PTY_COLS};
  ioctl(p->master, TIOCSWINSZ, &ws);
  fcntl(p->master, F_SETFL, fcntl(p->master, F_GETFL) | O_NONBLOCK);
  fcntl(p->slave, F_SETFL, fcntl(p->slave, F_GETFL) | O_NONBLOCK);
  fcntl(p->master, F_SETFD, FD_CLOEXEC);
  fcntl(p->slave, F_SETFD, FD_CLOEXEC);
  p->in = fdopen(dup(p->slave), "r");
  p->out = fdopen(dup(p->slave), "w");
  if (!p->in || !p->out) {
    buf_printf(err, "pty streams: %s", strerror(errno));
    return -1;
  }
  return 0;
}

static Prompt *prompt_alloc(const char *hist_path, PromptCompleteFn fn,
                            void *ctx)
{
  Prompt *p = xcalloc(1, sizeof *p);
  p->master = p->slave = -1;
  p->complete = fn;
  p->ctx = ctx;
  history_setup(p, hist_path);
  return p;
}

Prompt *prompt_new(const char *hist_path, PromptCompleteFn fn, void *ctx,
                   Buf *err)
{
  Prompt *p = prompt_alloc(hist_path, fn, ctx);
  if (open_pty(p, err) < 0)
    goto fail;
  p->el = el_init_fd("panicroom", p->in, p->out, p->out, fileno(p->in),
                     fileno(p->out), fileno(p->out));
  if (!p->el) {
    buf_printf(err, "el_init_fd failed");
    goto fail;
  }
  editor_setup(p);
  el_set(p->el, EL_GETCFN, getc_fn);
  el_set(p->el, EL_UNBUFFERED, 1);
  return p;
fail:
  prompt_free(p);
  return NULL;
}

Prompt *prompt_new_line(const char *hist_path, PromptCompleteFn fn,
                        void *ctx)
{
  Prompt *p = prompt_alloc(hist_path, fn, ctx);
  p->line_mode = true;
  p->el = el_init("panicroom", stdin, stdout, stderr);
  if (!p->el)
    die("el_init failed");
  editor_setup(p);
  return p;
}

void prompt_free(Prompt *p)
{
  if (!p)
    return;
  if (p->el)
    el_end(p->el);
  if (p->hist)
    history_end(p->hist);
  if (p->in)
    fclose(p->in);
  if (p->out)
    fclose(p->out);
  if (p->slave >= 0)
    close(p->slave);
  if (p->master >= 0)
    close(p->master);
  buf_fini(&p->listing);
  free(p->hist_path);
  free(p);
}

/* Throws away what libedit echoed to the pty, so the pipe never fills. */
static void drain(Prompt *p)
{
  char junk[512];
  while (read(p->master, junk, sizeof junk) > 0)
    ;
}

static void push(Prompt *p, const char *s)
{
  for (; *s && p->qtail < PROMPT_QUEUE; s++)
    p->queue[p->qtail++] = (wchar_t)(unsigned char)*s;
}

/* What a terminal would send for an ncurses key; NULL: ignore it. */
static const char *key_bytes(wint_t k)
{
  switch (k) {
  case KEY_UP: return "\033[A";
  case KEY_DOWN: return "\033[B";
  case KEY_RIGHT: return "\033[C";
  case KEY_LEFT: return "\033[D";
  case KEY_HOME: return "\033[H";
  case KEY_END: return "\033[F";
  case KEY_DC: return "\033[3~";
  case KEY_BACKSPACE: return "\177";
  case KEY_ENTER: return "\r";
  default: return NULL;
  }
}

bool prompt_feed(Prompt *p, bool fn, wint_t ch, Buf *line)
{
  bool done = false;
  buf_clear(&p->listing);
  p->qhead = p->qtail = 0;
  if (fn) {
    const char *b = key_bytes(ch);
    if (!b)
      return false;
    push(p, b);
  } else {
    p->queue[p->qtail++] = ch == '\n' ? L'\r' : (wchar_t)ch;
  }
  while (p->qhead < p->qtail) {
    int n = 0;
    const char *s = el_gets(p->el, &n);
    drain(p);
    if (!s)
      break;
    if (n > 0 && s[n - 1] == '\n') {
      buf_clear(line);
      buf_append(line, s, (size_t)n - 1);
      prompt_reset(p);
      done = true;
      break;
    }
  }
  p->qhead = p->qtail = 0;
  return done;
}

const wchar_t *prompt_text(Prompt *p, size_t *len, size_t *cursor)
{
  const LineInfoW *li = el_wline(p->el);
  *len = (size_t)(li->lastchar - li->buffer);
  *cursor = (size_t)(li->cursor - li->buffer);
  return li->buffer;
}

void prompt_reset(Prompt *p)
{
  /* Toggling unbuffered mode starts a fresh line (the note's recipe). */
  el_set(p->el, EL_UNBUFFERED, 0);
  el_set(p->el, EL_UNBUFFERED, 1);
  drain(p);
}

const char *prompt_listing(const Prompt *p)
{
  return p->listing.data ? p->listing.data : "";
}

bool prompt_read_line(Prompt *p, Buf *line)
{
  int n = 0;
  const char *s = el_gets(p->el, &n);
  if (!s || n <= 0)
    return false;
  buf_clear(line);
  buf_append(line, s, (size_t)n);
  while (line->len && (line->data[line->len - 1] == '\n' ||
                       line->data[line->len - 1] == '\r'))
    line->data[--line->len] = '\0';
  return true;
}

void prompt_remember(Prompt *p, const char *line)
{
  HistEvent ev;
  if (!*line)
    return;
  history(p->hist, &ev, H_ENTER, line);
  if (p->hist_path)
    history(p->hist, &ev, H_SAVE, p->hist_path);
}
