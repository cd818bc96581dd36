/* tui/highlight.c - byte classes from engine/lex.h tokens. */
#include "tui/highlight.h"

#include <string.h>

#include "base/mem.h"
#include "engine/lex.h"

/* Go's universe block (the spec's "Predeclared identifiers"). */
static const char *const builtins[] = {
    "any",     "bool",    "byte",   "comparable", "complex64", "complex128",
    "error",   "float32", "float64", "int",       "int8",      "int16",
    "int32",   "int64",   "rune",   "string",     "uint",      "uint8",
    "uint16",  "uint32",  "uint64", "uintptr",    "true",      "false",
    "iota",    "nil",     "append", "cap",        "close",     "complex",
    "copy",    "delete",  "imag",   "len",        "make",      "new",
    "panic",   "print",   "println", "real",      "recover",
};

static int is_builtin(const char *s, size_t n)
{
  for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
    if (strlen(builtins[i]) == n && memcmp(builtins[i], s, n) == 0)
      return 1;
  return 0;
}

static HlClass token_class(const Token *t)
{
  switch (t->kind) {
  case T_INT:
  case T_FLOAT:
  case T_IMAG:
    return HL_NUMBER;
  case T_CHAR:
  case T_STRING:
    return HL_STRING;
  case T_COMMENT:
    return HL_COMMENT;
  case T_IDENT:
    return is_builtin(t->text, t->len) ? HL_BUILTIN : HL_PLAIN;
  default:
    return t->kind >= T_BREAK && t->kind <= T_VAR ? HL_KEYWORD : HL_PLAIN;
  }
}

unsigned char *hl_classify(const char *src, size_t len)
{
  unsigned char *cls = xcalloc(len + 1, 1);
  Lexer lx;
  lex_init(&lx, src, len, NULL, LEX_KEEP_COMMENTS);
  /* Each token ends after the previous one; the bound only guards against
   * a lexer bug turning into a hang of the whole TUI. */
  for (size_t guard = 0; guard <= len + 1; guard++) {
    Token t = lex_next(&lx);
    if (t.kind == T_EOF)
      break;
    if (t.text < src || t.text + t.len > src + len)
      continue; /* an automatic semicolon's static "\n" */
    HlClass c = token_class(&t);
    if (c != HL_PLAIN)
      memset(cls + (t.text - src), c, t.len);
  }
  return cls;
}
