module example.com/ioutil

// io/ioutil's //go:fix inline directives are declared at the toolchain's
// version; Go's inliner declines them in files of an older language
// version (canonize lists each such call for review), so this module is
// on Go 1.26.
go 1.26
