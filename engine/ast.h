/* ast.h - the syntax tree of one Go source file, and what the checker
 * learns about it.
 *
 * Design: one generic Node with four child slots (a..d), two lists, a name
 * and a literal.  Each kind below documents which slots it uses, the way
 * Lua's lparser documents its grammar.  This keeps the parser, the checker
 * and the compiler small and lets a new construct reuse the same walkers.
 * All nodes live in the compile arena (base/mem.h) and are freed at once.
 *
 * The parser fills the syntactic fields.  The checker (check.h) fills the
 * "checker" fields: every expression gets its type and mode, identifiers
 * their Sym, selectors their Selection, constants their value.  The
 * compiler reads only checked trees. */
#ifndef PANICROOM_ENGINE_AST_H
#define PANICROOM_ENGINE_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/mem.h"
#include "engine/diag.h"

typedef enum TokKind {
#define TOKEN(name, spelling) T_##name,
#include "engine/tokens.def"
#undef TOKEN
  T__COUNT
} TokKind;

/* Spelling of a token kind for messages ("keyword func", ":="). */
const char *tok_spelling(TokKind k);

struct Type;
struct Sym;
struct Package;
struct Scope;

/* Node kinds.  X(name, "slots used").  Slots not named are NULL/empty. */
#define AST_KINDS(X)                                                          \
  X(BAD, "a syntax error was reported here")                                  \
  /* --- expressions --- */                                                   \
  X(IDENT, "name")                                                            \
  X(BASICLIT, "op=T_INT|T_FLOAT|T_IMAG|T_CHAR|T_STRING, lit/litlen=raw text") \
  X(COMPOSITE, "a=type or NULL (elided in nested literal), list=elements "    \
               "(KEYVALUE or expressions); pos=the type's, or the '{' "       \
               "when elided")                                                 \
  X(FUNCLIT, "a=FUNCTYPE, b=body BLOCK")                                      \
  X(PAREN, "a=inner expression")                                              \
  X(SELECTOR, "a=operand, name=selected name, pos=pos of the name")           \
  X(INDEX, "a=operand, b=index")                                              \
  X(SLICE, "a=operand, b=low|NULL, c=high|NULL, d=max|NULL, NF_SLICE3")       \
  X(TYPEASSERT, "a=operand, b=type, or NULL for x.(type)")                    \
  X(CALL, "a=function or type, list=args, NF_ELLIPSIS if f(xs...)")           \
  X(STAR, "a=operand: *p (deref) or *T (pointer type)")                       \
  X(UNARY, "op=T_ADD|T_SUB|T_NOT|T_XOR|T_AND|T_ARROW, a=operand")             \
  X(BINARY, "op=operator, a=left, b=right")                                   \
  X(KEYVALUE, "a=key, b=value (composite literal element)")                   \
  /* --- type expressions --- */                                              \
  X(ARRAYTYPE, "a=length expr, or NULL for a slice, or ELLIPSIS node for "    \
               "[...]T; b=element type")                                      \
  X(STRUCTTYPE, "list=FIELD")                                                 \
  X(FIELD, "list=names (IDENT; empty if embedded/unnamed), a=type, "         \
           "lit=tag or NULL; also used for params, results, interface "       \
           "methods (one name, a=FUNCTYPE) and embedded interfaces")          \
  X(FUNCTYPE, "list=params (FIELD), list2=results (FIELD)")                   \
  X(INTERFACETYPE, "list=FIELD (methods and embedded interfaces)")            \
  X(MAPTYPE, "a=key type, b=value type")                                      \
  X(CHANTYPE, "a=element type; NF_SEND_ONLY / NF_RECV_ONLY, neither for "    \
              "a bidirectional channel")                                      \
  X(ELLIPSIS, "a=element type (variadic parameter ...T) or NULL in [...]T")   \
  /* --- statements --- */                                                    \
  X(DECLSTMT, "a=GENDECL")                                                    \
  X(EMPTY, "")                                                                \
  X(LABELED, "name=label, a=statement")                                       \
  X(EXPRSTMT, "a=expression")                                                 \
  X(SEND, "a=channel, b=value")                                               \
  X(INCDEC, "op=T_INC|T_DEC, a=operand")                                      \
  X(ASSIGN, "op=T_ASSIGN|T_DEFINE|T_ADD_ASSIGN..., list=lhs, list2=rhs")      \
  X(GO, "a=CALL")                                                             \
  X(DEFER, "a=CALL")                                                          \
  X(RETURN, "list=results")                                                   \
  X(BRANCH, "op=T_BREAK|T_CONTINUE|T_GOTO|T_FALLTHROUGH, name=label|NULL")    \
  X(BLOCK, "list=statements; pos=the '{', end=the '}'")                       \
  X(IF, "a=init|NULL, b=condition, c=then BLOCK, d=else: IF|BLOCK|NULL")      \
  X(CASECLAUSE, "list=expressions (types in a type switch; empty for "        \
                "default), list2=body statements")                            \
  X(SWITCH, "a=init|NULL, b=tag|NULL, list=CASECLAUSE")                       \
  X(TYPESWITCH, "a=init|NULL, b=guard: ASSIGN(T_DEFINE, [x], [y.(type)]) or " \
                "EXPRSTMT(y.(type)), list=CASECLAUSE")                        \
  X(COMMCLAUSE, "a=SEND|EXPRSTMT(<-c)|ASSIGN(v[,ok] =/:= <-c), or NULL for "  \
                "default; list2=body statements")                             \
  X(SELECT, "list=COMMCLAUSE")                                                \
  X(FOR, "a=init|NULL, b=condition|NULL, c=post|NULL, d=body BLOCK")         \
  X(RANGE, "a=key|NULL, b=value|NULL, op=T_DEFINE|T_ASSIGN|0, c=range "       \
           "expression, d=body BLOCK")                                        \
  /* --- declarations --- */                                                  \
  X(GENDECL, "op=T_IMPORT|T_CONST|T_TYPE|T_VAR, list=specs")                  \
  X(IMPORTSPEC, "name=local name|NULL ('.' and '_' kept as is), "             \
                "lit=path without quotes")                                    \
  X(VALUESPEC, "list=names (IDENT), a=type|NULL, list2=values; iota=index "   \
               "in its const block; for a const spec with no values the "     \
               "parser copies the previous spec's a/list2 (Go's implicit "    \
               "repetition) and sets NF_IMPLICIT")                            \
  X(TYPESPEC, "name, a=type expression, NF_ALIAS for type A = B; "            \
              "list=type parameters (only to report generics)")               \
  X(FUNCDECL, "name, a=receiver FIELD|NULL, b=FUNCTYPE, c=body BLOCK|NULL "   \
              "(NULL: implemented natively, prelude only)")                   \
  X(FILE, "name=package name, list=declarations (GENDECL, FUNCDECL)")    \
  /* (parser guarantees: GO/DEFER a is a CALL; COMMCLAUSE a is one of the  \
   * three shapes; RANGE has at most two iteration variables.) */

typedef enum NodeKind {
#define X(name, doc) N_##name,
  AST_KINDS(X)
#undef X
      N__COUNT
} NodeKind;

const char *ast_kind_name(NodeKind k);

/* Node flags. */
enum {
  NF_ELLIPSIS = 1 << 0,  /* CALL: last argument is xs... */
  NF_SLICE3 = 1 << 1,    /* SLICE: a[l:h:m] */
  NF_ALIAS = 1 << 2,     /* TYPESPEC: type A = B */
  NF_IMPLICIT = 1 << 3,  /* VALUESPEC: repeated from the previous spec */
  NF_PARENS = 1 << 4,    /* the expression was parenthesised (kept for vet-
                          * like messages; PAREN nodes are also kept) */
  NF_SEND_ONLY = 1 << 5, /* CHANTYPE: chan<- T */
  NF_RECV_ONLY = 1 << 6, /* CHANTYPE: <-chan T */
};

typedef struct Node Node;

/* A list of child nodes; the array lives in the arena. */
typedef struct NodeList {
  Node **items;
  int len;
} NodeList;

/* A compile-time constant value (untyped constants are exact in Go; we
 * keep int64 + uint64 range and double, which covers the subset; overflow
 * beyond that is reported as "constant overflow"). */
typedef enum ConstKind {
  CV_NONE = 0, /* not a constant */
  CV_BOOL,
  CV_INT, /* value in i; if is_big_u the value is u (> INT64_MAX) */
  CV_FLOAT,
  CV_STRING,
  CV_NIL
} ConstKind;

typedef struct ConstVal {
  ConstKind kind;
  bool b;
  bool is_big_u; /* CV_INT: value does not fit int64; use u */
  int64_t i;
  uint64_t u;
  double f;
  const char *s; /* CV_STRING: bytes in the arena, not NUL-terminated-safe */
  size_t slen;
} ConstVal;

/* Expression modes, set by the checker on every expression node. */
typedef enum ExprMode {
  EM_NONE = 0,  /* not checked, or an error was reported */
  EM_VALUE,     /* a value, not addressable */
  EM_VAR,       /* an addressable variable (x, *p, a[i] of addressable
                 * array, s[i], p.f) */
  EM_MAPINDEX,  /* m[k]: assignable, comma-ok capable, not addressable */
  EM_COMMAOK,   /* <-c, x.(T): can be used in v, ok := ... */
  EM_CONST,     /* constant; cv holds the value */
  EM_TYPE,      /* the node denotes a type (type in type) */
  EM_BUILTIN,   /* a builtin function name (len, append, ...) */
  EM_PKG,       /* an imported package name */
  EM_NOVALUE,   /* a call of a function without results */
  EM_TUPLE      /* a call with several results (type is a TY_TUPLE) */
} ExprMode;

/* What a CALL node turned out to be, set by the checker. */
typedef enum CallKind {
  CALL_NONE = 0,
  CALL_FUNC,    /* ordinary call of a function value or declared func */
  CALL_METHOD,  /* x.M(...) on a concrete type: see the SELECTOR's sel */
  CALL_IFACE,   /* x.M(...) where x is an interface */
  CALL_CONV,    /* T(x): conversion; node->type is T */
  CALL_BUILTIN  /* len, cap, append, ...; builtin id in fun's sym */
} CallKind;

/* How a SELECTOR x.f was resolved (checker). */
typedef enum SelKind {
  SEL_NONE = 0,
  SEL_PKG,         /* pkg.Name: sym is the package member */
  SEL_FIELD,       /* x.f: a struct field, maybe promoted through embedding */
  SEL_METHOD,      /* x.M: a concrete method (call or method value) */
  SEL_IFACEMETHOD, /* x.M where x is an interface */
  SEL_METHODEXPR   /* T.M or (*T).M: a method expression */
} SelKind;

/* The path from the operand's type to the selected field or method.  Each
 * step selects field index[i] of a struct; deref[i] says the value at that
 * step is a pointer that must be dereferenced first (with a nil check). */
typedef struct Selection {
  SelKind kind;
  int npath;
  int *index;
  bool *deref;
  /* SEL_METHOD / SEL_METHODEXPR: the method's function symbol, and what the
   * receiver at the end of the path needs: */
  struct Sym *method;
  bool ptr_recv;  /* the method has a pointer receiver */
  bool addr;      /* take the address of the (addressable) receiver */
  bool indirect;  /* dereference the receiver pointer (value method on *T) */
  int imethod;    /* SEL_IFACEMETHOD: index in the interface's method list */
} Selection;

struct Node {
  NodeKind kind;
  TokKind op;
  int flags;
  Pos pos;
  Pos end; /* BLOCK: position of the closing '}', for "missing return".
            * Also set by the parser where Go's compiler attributes an
            * operation to a position other than its start (runtime line
            * numbers, some checker errors): CALL '(', INDEX/SLICE '[',
            * SELECTOR/TYPEASSERT '.', BINARY the operator, ASSIGN/INCDEC/
            * SEND the operator, KEYVALUE ':', RANGE the 'range' keyword,
            * CASECLAUSE/COMMCLAUSE the ':', FUNCDECL the 'func' keyword.
            *
            * Positions (pos): the start of the construct, except SELECTOR
            * (the name, see above), FUNCDECL (the function's name, where Go
            * reports errors about it), TYPESPEC/VALUESPEC (the first name),
            * IMPORTSPEC (the spec's start), statements (their first token),
            * UNARY ~T appears only in interface constraints (generics). */
  Node *a, *b, *c, *d;
  NodeList list, list2;
  const char *name;    /* NUL-terminated, in the arena */
  const char *lit;     /* raw literal text (BASICLIT, tags, import path) */
  size_t litlen;
  int iota;            /* VALUESPEC */
  /* --- filled by the checker --- */
  ExprMode mode;
  struct Type *type;   /* expression's type; for type nodes, the type */
  struct Sym *sym;     /* IDENT: resolved symbol; FUNCDECL/FUNCLIT: the
                        * function's symbol; LABELED/BRANCH: the label */
  ConstVal cv;         /* EM_CONST: the value, already converted to type */
  CallKind call;       /* CALL */
  Selection *sel;      /* SELECTOR */
  struct Scope *scope; /* BLOCK, FUNCLIT, FOR, IF, SWITCH, CASECLAUSE...:
                        * the scope it opened, if any */
  int aux;             /* free for the compiler (e.g. closure index) */
};

Node *ast_new(Arena *arena, NodeKind kind, Pos pos);
/* Appends to a list that is being built; uses the arena (amortised). */
void ast_list_push(Arena *arena, NodeList *list, Node *item);
/* Strips PAREN nodes. */
Node *ast_unparen(Node *n);
/* A deep copy of the syntactic fields (checker fields zeroed); used for
 * Go's implicit repetition of const specs, so each copy can carry its own
 * iota value. */
Node *ast_clone(Arena *arena, const Node *n);
/* Appends a compact S-expression of the tree to out, for tests and
 * debugging: (KIND [op] [name] [lit] [flags] slots a..d (NULL as _, up to
 * the last one set) list items [| list2 items]), e.g.
 * (CALL (SELECTOR (IDENT fmt) Println) (BASICLIT "hi")). */
void ast_dump(const Node *n, Buf *out);

#endif
