/* test_lex.c - unit tests of the Go lexer (engine/lex.c): semicolon
 * insertion, every literal kind, Go's error words and positions (checked
 * against go1.19 `go build`), and the literal decoders. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "engine/lex.h"

/* Lexes src and renders the tokens as "KIND:text" separated by spaces
 * (semicolons as ";" or "\n"), into out. */
static void lex_all(const char *src, Diags *d, Buf *out)
{
  Lexer lx;
  lex_init(&lx, src, strlen(src), d, 0);
  for (int guard = 0; guard < 1000; guard++) {
    Token t = lex_next(&lx);
    if (t.kind == T_EOF)
      return;
    if (out->len)
      buf_putc(out, ' ');
    if (t.kind == T_SEMICOLON)
      buf_puts(out, lex_semi_at_eof(&t) ? "EOF;"
                    : t.text[0] == '\n' ? "NL;"
                                        : ";");
    else
      buf_append(out, t.text, t.len);
  }
  fail_msg("lexer did not reach EOF");
}

static void check_tokens(const char *src, const char *want)
{
  Diags d;
  diag_init(&d, "x.go");
  Buf out = BUF_INIT;
  lex_all(src, &d, &out);
  assert_string_equal(buf_cstr(&out), want);
  assert_int_equal(d.len, 0);
  buf_fini(&out);
  diag_fini(&d);
}

/* The one error src produces, as "L:C: msg". */
static void check_error(const char *src, const char *want)
{
  Diags d;
  diag_init(&d, "x.go");
  Buf out = BUF_INIT, msg = BUF_INIT;
  lex_all(src, &d, &out);
  assert_true(d.len >= 1);
  buf_printf(&msg, "%d:%d: %s", d.items[0].pos.line, d.items[0].pos.col,
             d.items[0].msg);
  assert_string_equal(buf_cstr(&msg), want);
  buf_fini(&out);
  buf_fini(&msg);
  diag_fini(&d);
}

static void lex__semicolons_after_right_tokens(void **state)
{
  (void)state;
  check_tokens("x\ny", "x NL; y EOF;");
  check_tokens("return\nbreak\ncontinue\nfallthrough\n",
               "return NL; break NL; continue NL; fallthrough NL;");
  check_tokens("f()\na[1]\n}\ni++\nj--\n",
               "f ( ) NL; a [ 1 ] NL; } NL; i ++ NL; j -- NL;");
  check_tokens("1\n2.5\n'a'\n\"s\"\n`r`\n",
               "1 NL; 2.5 NL; 'a' NL; \"s\" NL; `r` NL;");
}

static void lex__no_semicolon_after_operators(void **state)
{
  (void)state;
  check_tokens("x +\ny", "x + y EOF;");
  check_tokens("func (\n)", "func ( ) EOF;");
  check_tokens("if x {\n}", "if x { } EOF;");
  check_tokens("", "");
  check_tokens("a;b", "a ; b EOF;");
}

static void lex__comments_and_semicolons(void **state)
{
  (void)state;
  check_tokens("x // c\ny", "x NL; y EOF;");
  check_tokens("x /* c */ y", "x y EOF;");
  check_tokens("x /* a\nb */ y", "x NL; y EOF;");
  check_tokens("x // end", "x EOF;");
  check_tokens("+ /* a\nb */ y", "+ y EOF;");
}

static void lex__operators(void **state)
{
  (void)state;
  check_tokens("+ += ++ - -= -- * *= / /= % %= & &= && &^ &^= | |= || ^ ^=",
               "+ += ++ - -= -- * *= / /= % %= & &= && &^ &^= | |= || ^ ^=");
  check_tokens("<< <<= >> >>= < <= > >= <- == != = ! := : ... . , ~",
               "<< <<= >> >>= < <= > >= <- == != = ! := : ... . , ~");
  check_tokens("a..b", "a . . b EOF;");
}

static TokKind first_kind(const char *src)
{
  Lexer lx;
  lex_init(&lx, src, strlen(src), NULL, 0);
  return lex_next(&lx).kind;
}

static void lex__literal_kinds(void **state)
{
  (void)state;
  assert_int_equal(first_kind("0"), T_INT);
  assert_int_equal(first_kind("0x1F_ff"), T_INT);
  assert_int_equal(first_kind("0o17"), T_INT);
  assert_int_equal(first_kind("017"), T_INT);
  assert_int_equal(first_kind("0b1010"), T_INT);
  assert_int_equal(first_kind("1_000_000"), T_INT);
  assert_int_equal(first_kind("1.5"), T_FLOAT);
  assert_int_equal(first_kind(".5"), T_FLOAT);
  assert_int_equal(first_kind("1e10"), T_FLOAT);
  assert_int_equal(first_kind("1E-3"), T_FLOAT);
  assert_int_equal(first_kind("0x1p-2"), T_FLOAT);
  assert_int_equal(first_kind("09.5"), T_FLOAT);
  assert_int_equal(first_kind("2i"), T_IMAG);
  assert_int_equal(first_kind("'\\U0001F600'"), T_CHAR);
  assert_int_equal(first_kind("`raw`"), T_STRING);
  assert_int_equal(first_kind("func"), T_FUNC);
  assert_int_equal(first_kind("funcs"), T_IDENT);
  assert_int_equal(first_kind("\xe4\xb8\xad\xe6\x96\x87"), T_IDENT);
  check_tokens("x := 'a' + '\\n' + '\\x41' + '\\u4e2d' + '\\101' + '\\''",
               "x := 'a' + '\\n' + '\\x41' + '\\u4e2d' + '\\101' + '\\'' EOF;");
  check_tokens("\"a\\tb\\\"c\"", "\"a\\tb\\\"c\" EOF;");
  check_tokens("`a\nb`", "`a\nb` EOF;");
  check_tokens("\xc3\xa9t\xc3\xa9 := 1", "\xc3\xa9t\xc3\xa9 := 1 EOF;");
}

static void lex__positions(void **state)
{
  (void)state;
  const char *src =
      "package main\n\nfunc  f() {\n\tx := \"\xe4\xb8\xad\" + y\n}";
  Lexer lx;
  lex_init(&lx, src, strlen(src), NULL, 0);
  Token t;
  int n = 0;
  int want[][2] = {{1, 1},  {1, 9},  {1, 13}, {3, 1}, {3, 7}, {3, 8},
                   {3, 9},  {3, 11}, {4, 2},  {4, 4}, {4, 7}, {4, 13},
                   {4, 15}, {4, 16}, {5, 1},  {5, 2}};
  while ((t = lex_next(&lx)).kind != T_EOF && n < 16) {
    assert_int_equal(t.pos.line, want[n][0]);
    assert_int_equal(t.pos.col, want[n][1]);
    n++;
  }
  assert_int_equal(n, 16);
}

static void lex__errors_strings_runes(void **state)
{
  (void)state;
  check_error("x := \"abc\n", "1:10: newline in string");
  check_error("x := \"abc", "1:6: string not terminated");
  check_error("x := `abc", "1:6: string not terminated");
  check_error("x := 'ab'", "1:6: more than one character in rune literal");
  check_error("x := ''", "1:7: empty rune literal or unescaped '");
  check_error("x := 'a\n", "1:8: newline in rune literal");
  check_error("x := 'a", "1:6: rune literal not terminated");
  check_error("x := \"\\q\"", "1:8: unknown escape");
  check_error("x := \"\\xZZ\"",
              "1:9: invalid character 'Z' in hexadecimal escape");
  check_error("x := '\\400'", "1:11: octal escape value 256 > 255");
  check_error("x := \"\\uD800\"",
              "1:13: escape is invalid Unicode code point U+D800");
}

static void lex__errors_numbers(void **state)
{
  (void)state;
  check_error("x := 0x", "1:8: hexadecimal literal has no digits");
  check_error("x := 09", "1:7: invalid digit '9' in octal literal");
  check_error("x := 0b102", "1:10: invalid digit '2' in binary literal");
  check_error("x := 1__0", "1:8: '_' must separate successive digits");
  check_error("x := 1e", "1:8: exponent has no digits");
  check_error("x := 0x1.0",
              "1:11: hexadecimal mantissa requires a 'p' exponent");
  check_error("x := 0b1.0", "1:9: invalid radix point in binary literal");
}

static void lex__errors_characters(void **state)
{
  (void)state;
  check_error("x := @", "1:6: invalid character U+0040 '@'");
  check_error("x := 1 /* abc", "1:8: comment not terminated");
  check_error("x := 1 \xff", "1:8: invalid UTF-8 encoding");
  check_error("x := 1 \xe2\x82\xac",
              "1:8: invalid character U+20AC '\xe2\x82\xac' in identifier");
  Diags d;
  diag_init(&d, "x.go");
  Buf out = BUF_INIT;
  const char src[] = "a\0b";
  Lexer lx;
  lex_init(&lx, src, 3, &d, 0);
  while (lex_next(&lx).kind != T_EOF) {
  }
  assert_int_equal(d.len, 1);
  assert_string_equal(d.items[0].msg, "invalid NUL character");
  assert_int_equal(d.items[0].pos.col, 2);
  buf_fini(&out);
  diag_fini(&d);
}

/* Found by fuzz_engine: the NULs nextch skips stay in the identifier's
 * text, and keyword matching stopped at the keyword's own NUL, reading
 * past the end of "for" (ASan: global-buffer-overflow). */
static void lex__nul_after_keyword_is_ident(void **state)
{
  (void)state;
  const char src[] = "for\0\0\0\0\0\0\0 x";
  assert_int_equal(lex_keyword(src, 10), T_IDENT);
  Diags d;
  diag_init(&d, "x.go");
  Lexer lx;
  lex_init(&lx, src, sizeof src - 1, &d, 0);
  Token t = lex_next(&lx);
  assert_int_equal(t.kind, T_IDENT);
  assert_int_equal(t.len, 10);
  assert_int_equal(lex_next(&lx).kind, T_IDENT);
  diag_fini(&d);
}

static void lex__illegal_without_diags(void **state)
{
  (void)state;
  assert_int_equal(first_kind("@"), T_ILLEGAL);
}

static void lex__keep_comments(void **state)
{
  (void)state;
  const char *src = "x /* a\nb */ y // z\n";
  Lexer lx;
  lex_init(&lx, src, strlen(src), NULL, LEX_KEEP_COMMENTS);
  TokKind want[] = {T_IDENT,   T_COMMENT,   T_SEMICOLON, T_IDENT,
                    T_COMMENT, T_SEMICOLON, T_EOF};
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
    assert_int_equal(lex_next(&lx).kind, want[i]);
}

static void lex__unquote_string(void **state)
{
  (void)state;
  Buf b = BUF_INIT;
  const char *lit = "\"a\\n\\t\\x41\\101\\u4e2d\\U0001F600\\\\\\\"\"";
  assert_true(lex_unquote_string(lit, strlen(lit), &b));
  assert_string_equal(buf_cstr(&b), "a\n\tAA\xe4\xb8\xad\xf0\x9f\x98\x80\\\"");
  buf_clear(&b);
  const char *raw = "`a\r\nb\\n`";
  assert_true(lex_unquote_string(raw, strlen(raw), &b));
  assert_string_equal(buf_cstr(&b), "a\nb\\n");
  buf_clear(&b);
  const char *bytes = "\"\\xff\"";
  assert_true(lex_unquote_string(bytes, strlen(bytes), &b));
  assert_int_equal(b.len, 1);
  assert_int_equal((unsigned char)b.data[0], 0xff);
  buf_fini(&b);
}

static void lex__unquote_rune_and_int(void **state)
{
  (void)state;
  int32_t r;
  assert_true(lex_unquote_rune("'a'", 3, &r));
  assert_int_equal(r, 'a');
  assert_true(lex_unquote_rune("'\\n'", 4, &r));
  assert_int_equal(r, '\n');
  assert_true(lex_unquote_rune("'\\''", 4, &r));
  assert_int_equal(r, '\'');
  assert_true(lex_unquote_rune("'\\u4e2d'", 8, &r));
  assert_int_equal(r, 0x4e2d);
  assert_true(lex_unquote_rune("'\xe4\xb8\xad'", 5, &r));
  assert_int_equal(r, 0x4e2d);
  assert_true(lex_unquote_rune("'\\101'", 6, &r));
  assert_int_equal(r, 65);
  uint64_t v;
  assert_true(lex_parse_int("0x1F_ff", 7, &v));
  assert_int_equal(v, 0x1fff);
  assert_true(lex_parse_int("017", 3, &v));
  assert_int_equal(v, 15);
  assert_true(lex_parse_int("0o17", 4, &v));
  assert_int_equal(v, 15);
  assert_true(lex_parse_int("0b101", 5, &v));
  assert_int_equal(v, 5);
  assert_true(lex_parse_int("1_000", 5, &v));
  assert_int_equal(v, 1000);
  assert_true(lex_parse_int("18446744073709551615", 20, &v));
  assert_true(v == UINT64_MAX);
  assert_false(lex_parse_int("18446744073709551616", 20, &v));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(lex__semicolons_after_right_tokens),
      cmocka_unit_test(lex__no_semicolon_after_operators),
      cmocka_unit_test(lex__comments_and_semicolons),
      cmocka_unit_test(lex__operators),
      cmocka_unit_test(lex__literal_kinds),
      cmocka_unit_test(lex__positions),
      cmocka_unit_test(lex__errors_strings_runes),
      cmocka_unit_test(lex__errors_numbers),
      cmocka_unit_test(lex__errors_characters),
      cmocka_unit_test(lex__nul_after_keyword_is_ident),
      cmocka_unit_test(lex__illegal_without_diags),
      cmocka_unit_test(lex__keep_comments),
      cmocka_unit_test(lex__unquote_string),
      cmocka_unit_test(lex__unquote_rune_and_int),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
