/* natives.c - one lookup over every module's native table (native.h). */
#include "engine/native.h"

#include <string.h>

static const NativeEntry *const tables[] = {natives_fmt, natives_lib,
                                            natives_sched, natives_vm};

NativeFn native_lookup(const char *name) {
  for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
    for (const NativeEntry *e = tables[t]; e->name; e++)
      if (strcmp(e->name, name) == 0) return e->fn;
  return NULL;
}
