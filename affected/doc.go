// Package affected selects the packages whose build can change when
// some files of a module change: the tests a phase of a migration can
// break, and no others (apply --verify-affected runs go test on them).
//
// The graph is the go command's own: go list -e -json in the module
// root (every module of a go.work), with each package's Imports,
// TestImports and XTestImports. It is listed in every build
// configuration that matters:
//
//   - the host's;
//   - the configuration each changed file is loaded in (load.ConfigFor):
//     a file built only on windows has its package and importers
//     selected with GOOS=windows;
//   - each configuration the module's other files need
//     (load.OtherConfigs): a package that imports a changed one only from
//     a _windows.go file is an importer only there.
//
// In one configuration a package is selected when
//
//  1. a changed file is one of its non-test files (the package changes);
//  2. it imports, through its non-test files, a package selected by 1 or
//     2 (transitively: its build changes);
//  3. a changed file is one of its _test.go files, or its test files
//     (package p or the external test package p_test) import a package
//     selected by 1 or 2: its test binary changes, but nothing imports
//     a test, so rule 2 does not go on from it.
//
// Each selected package says why it is in: the changed file, or the
// chain of imports down to a changed package. A changed .go file that
// no listed package of any configuration holds is an error, never a
// file silently left unchecked; so is a go list that fails, or a
// package holding a changed file that go list reports broken.
//
// [Selection.Runs] are the go test invocations: in a configuration of
// the host's GOOS and GOARCH the tests run (with the configuration's
// tags and cgo setting); in any other they are compiled and linked but
// not run (go test -exec=true), since the machine cannot execute them.
//
// It does not run anything but go list, and it knows nothing of phases,
// journals or plans: its input is a root and a list of files.
package affected
