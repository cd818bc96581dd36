/* parse.h - recursive-descent parser for one Go file (the subset of SPEC
 * §5, plus enough of the rest to name it in an error).
 *
 * Builds the tree of ast.h in the given arena.  Syntax errors use Go's
 * words ("syntax error: unexpected newline, expecting comma or )",
 * "syntax error: non-declaration statement outside function body") and
 * the parser re-synchronises at the next statement or declaration, so
 * several errors are reported per run.  Constructs outside the subset
 * (type parameters, goto, complex literals) are parsed and reported by the
 * checker as "panicroom: generics are not supported", never crash. */
#ifndef PANICROOM_ENGINE_PARSE_H
#define PANICROOM_ENGINE_PARSE_H

#include <stddef.h>

#include "base/mem.h"
#include "engine/ast.h"
#include "engine/diag.h"

/* Returns an N_FILE node (never NULL, even after errors).  filename is
 * borrowed for positions; src must outlive the tree. */
Node *parse_file(Arena *arena, const char *filename, const char *src,
                 size_t len, Diags *diags);

#endif
