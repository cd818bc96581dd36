/* engine/prelude.h - the Go prelude compiled into the binary.
 *
 * Parts of the Go standard library that panicroom runs are written in Go
 * (the .go files in engine/prelude/). tools/embed.sh turns them into
 * build/gen/prelude.c at build time, so the binary needs no data files to
 * run a program and the prelude cannot drift from the engine it was built with.
 *
 * Contract: prelude_files[0 .. prelude_nfiles-1] are the files in name order;
 * name is the base name ("sync.go"), src is the file's bytes with a NUL
 * after them, len counts the bytes without that NUL. Everything is static
 * const data: never free or modify it. When there are no prelude files,
 * prelude_nfiles is 0 (the array then holds one unused sentinel entry,
 * because C forbids empty arrays).
 */
#ifndef PANICROOM_ENGINE_PRELUDE_H
#define PANICROOM_ENGINE_PRELUDE_H

#include <stddef.h>

typedef struct {
  const char *name;
  const char *src;
  size_t len;
} PreludeFile;

extern const PreludeFile prelude_files[];
extern const int prelude_nfiles;

#endif
