/* types.h - Go types, symbols, scopes and packages.
 *
 * One Type structure serves the checker, the compiler and the VM: the VM
 * keeps a Type pointer in every interface value (value.h), fmt walks Types
 * to print values, and %T / panic messages use type_string().
 *
 * Big decision: type identity is pointer equality.  Every composite type
 * is built through the constructors below, which intern it (a pointer to
 * int, []string, map[string]int, func(int) error, struct{...} and
 * interface{...} are each built once per Universe).  Named types are
 * distinct objects by definition.  So `a == b` is Go's "identical types",
 * and the VM compares dynamic types with one instruction.
 *
 * Ownership: every Type, Sym, Scope and Package lives in the Universe's
 * arena (types_new_universe / types_free_universe), which the Program
 * keeps alive while it runs. */
#ifndef PANICROOM_ENGINE_TYPES_H
#define PANICROOM_ENGINE_TYPES_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/mem.h"
#include "engine/ast.h"

struct Func; /* program.h */

typedef enum TypeKind {
  TY_INVALID = 0, /* the type of an erroneous expression: no more errors */
  TY_BOOL,
  TY_INT,
  TY_INT8,
  TY_INT16,
  TY_INT32, /* also rune */
  TY_INT64,
  TY_UINT,
  TY_UINT8, /* also byte */
  TY_UINT16,
  TY_UINT32,
  TY_UINT64,
  TY_UINTPTR,
  TY_FLOAT32,
  TY_FLOAT64,
  TY_STRING,
  TY_UNSAFEPTR, /* never constructed: unsafe is cut */
  /* untyped constant types */
  TY_UNTYPED_BOOL,
  TY_UNTYPED_INT,
  TY_UNTYPED_RUNE,
  TY_UNTYPED_FLOAT,
  TY_UNTYPED_STRING,
  TY_UNTYPED_NIL,
  /* composites */
  TY_ARRAY,
  TY_SLICE,
  TY_STRUCT,
  TY_POINTER,
  TY_FUNC,
  TY_INTERFACE,
  TY_MAP,
  TY_CHAN,
  TY_NAMED, /* a defined type: name + underlying + methods */
  TY_TUPLE  /* the result list of a multi-value call */
} TypeKind;

typedef enum ChanDir { CHAN_BOTH = 0, CHAN_SEND, CHAN_RECV } ChanDir;

typedef struct Type Type;
typedef struct Sym Sym;
typedef struct Scope Scope;
typedef struct Package Package;

typedef struct Field {
  const char *name; /* for an embedded field, the type's name */
  Type *type;
  bool embedded;
  Pos pos;
} Field;

/* A method declared on a named type. */
typedef struct Method {
  const char *name;
  Sym *func;    /* the FUNCDECL's symbol; func->type is the signature
                 * WITHOUT the receiver */
  bool ptr_recv;
} Method;

/* A method of an interface type (the full set, embedded ones included,
 * sorted by name as Go sorts them). */
typedef struct IMethod {
  const char *name;
  Type *sig; /* TY_FUNC without receiver */
  Package *pkg; /* for unexported names */
} IMethod;

/* Dynamic-dispatch table entry, filled by the compiler for every type the
 * program converts to an interface.  fn takes the receiver (of exactly the
 * table's type, so *T for pointer types) as its first parameter; the
 * compiler emits wrappers for promoted methods and for value methods
 * reached through a pointer. Sorted by name (strcmp). */
typedef struct RtMethod {
  const char *name;
  struct Func *fn;
} RtMethod;

struct Type {
  TypeKind kind;
  const char *name;  /* basic types ("int", "byte" is TY_UINT8 named
                      * "uint8"), NAMED types ("Mutex") */
  Package *pkg;      /* NAMED: declaring package; NULL for "error" */
  Type *under;       /* NAMED: underlying type (never NAMED); others: self.
                      * NULL while a named type is being declared. */
  Type *elem;        /* ARRAY, SLICE, POINTER, MAP (value), CHAN */
  Type *key;         /* MAP */
  int64_t len;       /* ARRAY */
  ChanDir dir;       /* CHAN */
  Field *fields;     /* STRUCT */
  int nfields;
  Type **params;     /* FUNC: parameter types; the last is []T if variadic */
  int nparams;
  Type **results;    /* FUNC results; TUPLE elements */
  int nresults;
  bool variadic;     /* FUNC */
  IMethod *imethods; /* INTERFACE */
  int nimethods;
  Method *methods;   /* NAMED: declared methods, in declaration order */
  int nmethods;
  Sym *obj;          /* NAMED: the type name's symbol */
  /* --- runtime, filled by the compiler --- */
  RtMethod *rtmethods;
  int nrtmethods;
  int id;            /* index in the Program's type table, or -1 */
  const char *str;   /* cached type_string(t, NULL) for the VM */
};

typedef enum SymKind {
  SYM_BAD = 0,
  SYM_VAR,
  SYM_CONST,
  SYM_TYPE,
  SYM_FUNC,
  SYM_PKG,
  SYM_BUILTIN,
  SYM_NIL,
  SYM_LABEL
} SymKind;

/* Builtin functions, in one list. */
#define BUILTINS(X)                                                           \
  X(APPEND, "append") X(CAP, "cap") X(CLOSE, "close") X(COPY, "copy")         \
  X(DELETE, "delete") X(LEN, "len") X(MAKE, "make") X(NEW, "new")             \
  X(PANIC, "panic") X(PRINT, "print") X(PRINTLN, "println")                   \
  X(RECOVER, "recover") X(COMPLEX, "complex") X(REAL, "real")                 \
  X(IMAG, "imag")

typedef enum BuiltinId {
#define X(id, name) BI_##id,
  BUILTINS(X)
#undef X
      BI__COUNT
} BuiltinId;

struct Sym {
  SymKind kind;
  const char *name;
  Type *type;     /* VAR/CONST/FUNC: its type; TYPE: the type denoted */
  Node *decl;     /* the declaring node (IDENT, FUNCDECL, TYPESPEC, ...) */
  Pos pos;
  Package *pkg;   /* declaring package; NULL for universe */
  Package *imported; /* SYM_PKG: the package */
  ConstVal cv;    /* SYM_CONST */
  BuiltinId builtin; /* SYM_BUILTIN */
  bool global;    /* package-level VAR/FUNC/CONST/TYPE */
  bool param;     /* VAR: a parameter or named result */
  bool result;    /* VAR: a named result */
  bool used;      /* referenced (for "declared and not used") */
  bool captured;  /* VAR: referenced by a function literal nested inside
                   * its declaring function: must live in a heap Box */
  bool addrtaken; /* VAR: &x, or x.M() with a pointer method on an
                   * addressable x: must live in a heap Box */
  bool loopvar;   /* VAR: declared in a for statement's init: fresh per
                   * iteration (Go 1.22) */
  bool is_method; /* FUNC: declared with a receiver */
  Node *func;     /* VAR: the FUNCDECL or FUNCLIT it is local to */
  /* --- for the compiler --- */
  int slot;       /* local slot or global index, -1 until assigned */
  struct Func *code; /* FUNC: compiled function */
};

/* A lexical scope: a small open-addressing table of symbols. */
struct Scope {
  Scope *parent;
  Sym **syms;
  int nsyms, cap;
  Node *func; /* the function this scope belongs to (NULL: package) */
};

struct Package {
  const char *path; /* "main", "sync", "fmt", ... */
  const char *name;
  Scope *scope;     /* package block */
  bool prelude;     /* written in engine/prelude, not by the learner */
  Node **files;     /* parsed files */
  int nfiles;
  Sym **inits;      /* init functions, in order */
  int ninits;
  Node **var_order; /* package-level VALUESPECs in initialization order
                     * (dependency order, as Go's spec requires) */
  int nvar_order;
};

/* The universe: predeclared identifiers and the intern tables. */
typedef struct Universe Universe;

Universe *types_new_universe(void);
void types_free_universe(Universe *u);
Arena *types_arena(Universe *u);
Scope *types_universe_scope(Universe *u);

/* Predeclared types (never NULL after types_new_universe). */
Type *types_basic(Universe *u, TypeKind k); /* TY_BOOL..TY_UNTYPED_NIL */
Type *types_error(Universe *u);             /* the named type `error` */
Type *types_any(Universe *u);               /* interface{} */

/* Interning constructors: the same arguments give the same pointer. */
Type *types_pointer(Universe *u, Type *elem);
Type *types_slice(Universe *u, Type *elem);
Type *types_array(Universe *u, Type *elem, int64_t len);
Type *types_map(Universe *u, Type *key, Type *elem);
Type *types_chan(Universe *u, Type *elem, ChanDir dir);
Type *types_func(Universe *u, Type **params, int nparams, Type **results,
                 int nresults, bool variadic);
Type *types_tuple(Universe *u, Type **elems, int n);
Type *types_struct(Universe *u, Field *fields, int nfields);
Type *types_interface(Universe *u, IMethod *methods, int n); /* sorts */
/* A new named type (not interned); set under with types_set_under. */
Type *types_named(Universe *u, const char *name, Package *pkg, Sym *obj);
void types_set_under(Type *named, Type *under);

/* Queries. */
static inline Type *type_under(Type *t) { return t->kind == TY_NAMED ? t->under : t; }
bool type_is_integer(Type *t);   /* incl. untyped int/rune */
bool type_is_unsigned(Type *t);
bool type_is_float(Type *t);
bool type_is_numeric(Type *t);
bool type_is_string(Type *t);
bool type_is_boolean(Type *t);
bool type_is_untyped(Type *t);
bool type_is_interface(Type *t);
bool type_comparable(Type *t);
bool type_ordered(Type *t);
/* Size in bits of a sized integer kind (8..64; int/uint/uintptr are 64). */
int type_int_bits(Type *t);
/* The default type of an untyped constant type (int, rune→int32, ...). */
Type *type_default(Universe *u, Type *t);

/* Go's "identical" is ==.  Assignability (spec "Assignability"): a value
 * of type v (with constant value cv, or NULL) to a variable of type t. */
bool type_assignable(Universe *u, Type *v, const ConstVal *cv, Type *t);
/* Does t implement interface iface?  If not and missing != NULL, *missing
 * is the first missing method's name and *wrong_ptr tells whether it
 * exists with a pointer receiver only (Go's "method M has pointer
 * receiver"). */
bool type_implements(Type *t, Type *iface, const char **missing,
                     bool *wrong_ptr);

/* Field/method lookup through embedding (spec "Selectors"), depth-first
 * shortest path; sets *sel.  Returns false when not found; *ambiguous set
 * when two candidates at the same depth. */
bool type_lookup(Universe *u, Type *t, const char *name, Selection *sel,
                 Arena *arena, bool *ambiguous);

/* The type reached by sel from t: for SEL_FIELD the field's type (with
 * holder: the struct holding it), for methods the receiver's type at the
 * end of the path (which may be a pointer). */
Type *type_sel_type(Type *t, const Selection *sel, bool holder);
/* Whether constant cv is representable as a value of type t (spec
 * "Representability"); if so and out != NULL, *out is cv converted to t's
 * kind of value (an integral float becomes CV_INT, ...). */
bool type_representable(const ConstVal *cv, Type *t, ConstVal *out);

/* Whether the receiver at the end of sel's path (from t) is reached
 * through a pointer, so pointer methods are in the method set. */
bool type_path_has_pointer(Type *t, const Selection *sel);

/* Type strings.  rel: omit the package qualifier for types of this package
 * (the compiler's error messages); NULL: always qualify ("main.T", as %T
 * and panics print).  Interface{} prints as "interface {}", as Go does.
 * A non-NULL rel also selects the compiler's (types2) spelling of
 * literal types: "struct{A int}", "interface{M()}", and "any" for the
 * empty interface; NULL gives reflect's "struct { A int }". */
void type_write(Type *t, Package *rel, Buf *out);
const char *type_string(Arena *a, Type *t, Package *rel);

/* Scopes. */
Scope *scope_new(Arena *a, Scope *parent, Node *func);
Sym *scope_lookup_local(Scope *s, const char *name);
Sym *scope_lookup(Scope *s, const char *name); /* walks parents */
/* Inserts; returns the existing symbol instead if the name is taken. */
Sym *scope_insert(Arena *a, Scope *s, Sym *sym);
Sym *sym_new(Arena *a, SymKind kind, const char *name, Type *type, Pos pos);

#endif
