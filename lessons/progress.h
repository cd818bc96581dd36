/* lessons/progress.h - the learner's progress: per lesson, a status (todo,
 * started, passed) and how many hints were shown, kept in
 * $XDG_STATE_HOME/panicroom/progress.json (default
 * ~/.local/state/panicroom/progress.json):
 *
 *   {"version": 1,
 *    "lessons": {"send-closed": {"status": "started", "hints_shown": 2}}}
 *
 * The big decision: the parsed JSON itself is the state, and it is written
 * back whole, so entries of lessons this build does not know and fields a
 * later version adds survive a round trip (never drop data silently).
 *
 * Failure: reading is tolerant. A missing file is an empty progress. A
 * file that is not a JSON object of that shape is renamed to
 * "progress.json.bad" (replacing an older one) and progress starts afresh;
 * the load says so in a notice for the user. Writing is atomic
 * (os_write_file_atomic), so a crash leaves the old or the new file.
 *
 * Ownership: Progress owns its path and JSON (progress_fini).
 */
#ifndef PANICROOM_LESSONS_PROGRESS_H
#define PANICROOM_LESSONS_PROGRESS_H

#include "base/buf.h"

typedef enum ProgressStatus {
  PROGRESS_TODO,
  PROGRESS_STARTED,
  PROGRESS_PASSED
} ProgressStatus;

struct json_t; /* jansson; kept out of this header's includes */

typedef struct Progress {
  char *path;          /* the JSON file */
  struct json_t *root; /* the document; owned (one reference) */
} Progress;

/* The default file by the XDG rule above; NULL if neither XDG_STATE_HOME
 * nor HOME is set. The caller frees it. */
char *progress_default_path(void);

/* Reads path (which need not exist). Always yields a usable Progress.
 * Returns 0, or 1 if the file was corrupt and set aside (notice says what
 * happened), or -1 if it could not be read at all (notice says why;
 * progress starts empty and saving will likely fail too). */
int progress_load(Progress *p, const char *path, Buf *notice);
/* Writes the file, creating its directories. Returns 0, or -1 with errno
 * set. */
int progress_save(const Progress *p);
void progress_fini(Progress *p);

ProgressStatus progress_status(const Progress *p, const char *id);
void progress_set_status(Progress *p, const char *id, ProgressStatus s);
/* todo -> started; started and passed stay as they are. */
void progress_mark_started(Progress *p, const char *id);
/* The highest hint number shown, 0..FM_NHINTS (a value out of range in
 * the file is clamped). */
int progress_hints_shown(const Progress *p, const char *id);
void progress_set_hints_shown(Progress *p, const char *id, int n);

/* "todo", "started", "passed". */
const char *progress_status_name(ProgressStatus s);

#endif
