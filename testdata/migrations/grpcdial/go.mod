module example.com/grpcdial

go 1.22

require google.golang.org/grpc v1.64.0

// The suite runs offline: third_party/grpc is a stand-in with grpc-go's
// dial-option API.
replace google.golang.org/grpc => ./third_party/grpc
