/* fuzz_parse.c - libFuzzer entry point: lexes and parses arbitrary bytes.
 *
 * The parser must never crash, hang or leak on any input, including binary
 * garbage and pathological nesting; every input is run twice, once through
 * parse_file and once through the highlighting lexer (no Diags, comments
 * kept), the two ways the engine and the TUI use this code.  See README. */
#include <stddef.h>
#include <stdint.h>

#include "engine/lex.h"
#include "engine/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *src = (const char *)data;
  Arena arena;
  Diags diags;
  arena_init(&arena);
  diag_init(&diags, "fuzz.go");
  Node *f = parse_file(&arena, "fuzz.go", src, size, &diags);
  Buf out = BUF_INIT;
  ast_dump(f, &out);
  if (diags.len)
    diag_format(&diags, &out);
  buf_fini(&out);
  arena_fini(&arena);
  diag_fini(&diags);

  Lexer lx;
  lex_init(&lx, src, size, NULL, LEX_KEEP_COMMENTS);
  for (size_t i = 0; i <= size + 1; i++)
    if (lex_next(&lx).kind == T_EOF)
      break;
  return 0;
}
