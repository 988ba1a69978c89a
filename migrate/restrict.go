package migrate

// OutsideReason is why a file outside the package patterns is not
// changed.
const OutsideReason = "outside the package patterns given: not changed"
