// Package rewrite owns every byte-level decision of how a file changes:
// the text of a replacement (holes for metavariables and qualifiers,
// parentheses by precedence), which import name each replacement is
// written with and which imports a file gains and loses (Qualify, with
// the file's types), the lines a deleted declaration takes with it
// (DeclSpan, Deletions) or a deleted statement (LineDeletions), and
// the splicing of all of it into the original bytes (File). It does not
// decide what changes (packages engine and migrate) and never writes a
// file.
//
// # What is preserved
//
// A rewrite is a set of text edits on the original bytes, not a reprint
// of the file. Every byte outside an edited expression and the import
// lines that must change is copied as it was, so a line that holds no
// rewritten site is byte-identical to the input even when the file is
// not gofmt-clean, has old-style doc comments (which gofmt, and so
// `go fix`, would reformat), CRLF line endings or a UTF-8 BOM. A bound
// metavariable is copied verbatim from its source span, with its
// comments and its own line breaks.
//
// Comments inside the dropped part of a match (for example between the
// two calls of a chained factory) would be lost with the code they
// annotate: they are moved to the end of the line on which the rewritten
// expression ends. Inside a binding that is itself rewritten (a nested
// match) they become block comments in place.
//
// Imports are edited line by line: a removed spec loses its line (and
// its doc and trailing comments, which belong to it); an added spec is
// inserted at its sorted place in the parenthesised group of its kind
// (standard library or not), or as a new declaration. Nothing else in
// the import block moves.
//
// Parentheses are added where a bound expression or the replacement
// would otherwise bind differently in its new context.
//
// A replacement's statements (Template.Stmts) are an edit of no width
// at the start of the enclosing statement's line: each line of the
// template gets that line's indentation (bound text is copied as it
// is), the names they declare are written as the edit's Locals say,
// and gofmt's layout below indents what they nest.
//
// The lines an edit writes (a template's instance, Go's inliner's text)
// then get gofmt's layout: the file is formatted and only the changed
// lines that lie wholly on written lines are taken (a run of n lines
// replaced by n is taken line by line), so "$x * 2" inside "… + 1" reads
// "n*2 + 1" while a neighbouring line gofmt would also change keeps its
// bytes — except the padding gofmt realigns next to a written line (the
// keys of a composite literal after one key was renamed, the trailing
// comments of a block), which the written line would otherwise break. Files with CRLF endings or a BOM, which gofmt rewrites
// everywhere, and files that do not parse are left as the edits wrote
// them.
//
// A call the replacement gives another argument list (reordered, one
// added) keeps the layout of a matched call written over several lines:
// the replacement is built as a dst node whose arguments bound from the
// match take those arguments' decorations (their lines, their comments),
// printed, indented to the line it starts on and spliced in like any
// other replacement (layout.go).
//
// # Why not reprint with dst
//
// github.com/dave/dst keeps comments attached to nodes, but restoring a
// file reprints all of it: gofmt-clean files survive (the standard
// library round-trips unchanged), others are reformatted everywhere, and
// adding an import re-sorts and merges groups. The guarantee above needs
// edits to the bytes; dst's model of decorations is what the dropped-
// comment rule above reproduces.
//
// # What is refused
//
// Overlapping edits and edits outside the file are errors. A result that
// does not parse is an error from the import step. Type-checking the
// result is the caller's job (package migrate re-checks every package it
// rewrites and withholds files that fail).
package rewrite
