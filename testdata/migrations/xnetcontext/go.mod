module example.com/xnetcontext

go 1.22

require golang.org/x/net v0.0.0-20170114055629-f2499483f923

// The suite runs offline: third_party/xnet is a stand-in for x/net's
// context package as it was for Go 1.9 and later.
replace golang.org/x/net => ./third_party/xnet
