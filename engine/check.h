/* check.h - the type checker: resolves names, computes types and
 * constant values, and reports errors in the Go compiler's words.
 *
 * It checks the learner's main package and every prelude package it
 * imports (engine/prelude/<path>.go, parsed on demand; the runtime
 * package is always loaded because the VM builds run-time errors from its
 * types).  It annotates the tree (ast.h "filled by the checker") so the
 * compiler needs no type logic of its own beyond reading annotations.
 *
 * Errors in Go 1.19's words (the toolchain CI records against; later Go
 * rewords some): "undefined: x", "x declared but not used",
 * "imported and not used: \"os\"",
 * "too many arguments in call to f\n\thave (number, number)\n\twant (int)",
 * "invalid operation: a + \"s\" (mismatched types int and untyped string)",
 * "cannot use x (variable of type int) as string value in assignment",
 * "missing return".  Constructs outside the subset:
 * "panicroom: generics are not supported" (also goto, complex numbers,
 * unsafe, reflect, cgo, other imports: "panicroom: package net/http is
 * not supported").
 *
 * An error inside the prelude is a panicroom bug: it is reported with the
 * prelude file's name and the run stops. */
#ifndef PANICROOM_ENGINE_CHECK_H
#define PANICROOM_ENGINE_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/ast.h"
#include "engine/diag.h"
#include "engine/types.h"

typedef struct CheckResult {
  Package **pkgs; /* every package, dependencies first, main last */
  int npkgs;
  Package *main;
  Package *runtime; /* the prelude runtime package */
} CheckResult;

/* Checks main_file (an N_FILE from parse_file) and the prelude packages it
 * needs.  Trees, symbols and types are allocated in the universe's arena.
 * Returns false if any error was reported to diags (errors in the
 * prelude go to diags too, with their own file names). */
bool check_program(Universe *u, Node *main_file, Diags *diags,
                   CheckResult *out);

/* Source of the prelude package for an import path ("sync/atomic"), or
 * false if there is none.  src must stay alive as long as the trees. */
typedef bool (*CheckLoader)(void *ctx, const char *path, const char **src,
                            size_t *len);

/* check_program with another package source (tests): check_program uses
 * prelude_files (prelude.h). */
bool check_program_with_loader(Universe *u, Node *main_file, Diags *diags,
                               CheckResult *out, CheckLoader loader,
                               void *ctx);

#endif
