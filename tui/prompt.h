/* tui/prompt.h - the command prompt: libedit's native API, editing on a
 * private pty, painted by us (shared/notes/libedit-in-ncurses.md).
 *
 * Why a pty: libedit insists on a terminal, and writing to the real one
 * would scroll and corrupt the ncurses screen. So libedit gets the slave
 * of a pty of its own (wide, non-blocking); whatever it writes there is
 * drained and thrown away, and the prompt row is painted from el_wline().
 * Keys come from ncurses: each is translated to the bytes a terminal
 * would send (Up -> ESC [ A), queued for our EL_GETCFN, and el_gets()
 * runs once in EL_UNBUFFERED mode, returning after every key. A line
 * ending in '\n' is a command.
 *
 * Line mode (`panicroom tui --line`) uses plain el_init on stdin/stdout:
 * a real terminal gets editing, a pipe gets plain reads, and both share
 * the history file and completion with the full screen.
 *
 * Must be created before initscr() (libedit reads the terminal modes at
 * el_init) and after setlocale() (it checks the codeset).
 */
#ifndef PANICROOM_TUI_PROMPT_H
#define PANICROOM_TUI_PROMPT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "base/buf.h"

/* Fills insert (what to type at the cursor) and listing (the choices,
 * when several) for line[0, cursor) (see cmds_complete). */
typedef void (*PromptCompleteFn)(void *ctx, const char *line, size_t cursor,
                                 Buf *insert, Buf *listing);

typedef struct Prompt Prompt;

/* hist_path: the history file (loaded now, saved after every line); may
 * be NULL. Returns NULL after filling err when the pty or libedit could
 * not be set up. */
Prompt *prompt_new(const char *hist_path, PromptCompleteFn fn, void *ctx,
                   Buf *err);
/* The line-mode editor on stdin/stdout. */
Prompt *prompt_new_line(const char *hist_path, PromptCompleteFn fn,
                        void *ctx);
void prompt_free(Prompt *p);

/* Full screen: one key from wget_wch (fn: it was a KEY_* code). Returns
 * true and sets line (no newline) when the key finished a line. */
bool prompt_feed(Prompt *p, bool fn, wint_t ch, Buf *line);
/* The line being edited (wide), its length and the cursor index. */
const wchar_t *prompt_text(Prompt *p, size_t *len, size_t *cursor);
/* Forgets the line being edited. */
void prompt_reset(Prompt *p);
/* The choices of the last Tab that had several, else "". Cleared by the
 * next key. */
const char *prompt_listing(const Prompt *p);

/* Line mode: the next line (no newline) into line; false at end of
 * input. */
bool prompt_read_line(Prompt *p, Buf *line);

/* Adds a line to the shared history and saves the file. */
void prompt_remember(Prompt *p, const char *line);

#endif
