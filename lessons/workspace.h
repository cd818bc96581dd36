/* lessons/workspace.h - the learner's workspace: every exercise as a Go
 * file their own editor can open (`panicroom init`, `reset`, `watch`,
 * `grade`).
 *
 *   DIR/go.mod              module panicroom-exercises, go 1.19: editors
 *                           (gopls) and `go run ./<id>` work there
 *   DIR/<id>/main.go        the lesson's broken.go, then the learner's fix
 *   DIR/<id>/README.md      what to fix and how to run, check and grade it
 *
 * The layout is the TUI's ($XDG_DATA_HOME/panicroom/work/<id>/main.go), so
 * one grader reads both.  DIR defaults to ./panicroom-exercises.
 *
 * The big decision: the learner's edits are never overwritten.  init keeps
 * an existing main.go, go.mod and README.md (and says so); reset refuses to
 * replace a main.go that differs from broken.go unless forced.  Every file
 * is written atomically (os_write_file_atomic): a crash leaves the old or
 * the new file.
 */
#ifndef PANICROOM_LESSONS_WORKSPACE_H
#define PANICROOM_LESSONS_WORKSPACE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "lessons/catalog.h"

#define WS_DEFAULT_DIR "panicroom-exercises"
#define WS_MODULE "panicroom-exercises"
/* SPEC §5: runtime messages match Go 1.19. */
#define WS_GO_VERSION "1.19"

typedef struct WsInitReport {
  int written; /* exercises whose main.go was written */
  int kept;    /* exercises whose main.go was already there */
  bool gomod_written;
} WsInitReport;

/* Creates dir (and parents) and every exercise of c in it.  Returns 0, or
 * -1 with why in err (errno's words, naming the path); exercises already
 * done stay. */
int ws_init(const Catalog *c, const char *dir, WsInitReport *rep, Buf *err);

typedef enum WsReset {
  WS_RESET_DONE,     /* main.go is broken.go again */
  WS_RESET_SAME,     /* it already was */
  WS_RESET_REFUSED,  /* it has edits and force was not given */
  WS_RESET_ERROR     /* err says why */
} WsReset;

WsReset ws_reset(const Catalog *c, const Lesson *l, const char *dir,
                 bool force, Buf *err);

/* "<dir>/<id>/main.go"; the caller frees it. */
char *ws_exercise_path(const char *dir, const char *id);
/* The lessons of c that have DIR/<id>/ as a directory, in catalog order;
 * *n gets the count.  The caller frees the array (not the lessons). */
const Lesson **ws_exercises(const Catalog *c, const char *dir, size_t *n);
/* Appends the README of lesson l. */
void ws_readme(const Catalog *c, const Lesson *l, Buf *out);

#endif
