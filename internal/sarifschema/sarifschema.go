// Package sarifschema validates a SARIF log against the published
// SARIF 2.1.0 JSON schema that testdata/sarif holds (see its NOTICE),
// for the tests of the packages that write SARIF. It reads the schema
// from the source tree, so it works in tests only.
package sarifschema

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// URL is the schema's id, the URL OASIS publishes it at.
const URL = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

var (
	once   sync.Once
	schema *jsonschema.Schema
	err    error
)

// Path is the schema file in the source tree.
func Path() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "sarif", "sarif-schema-2.1.0.json")
}

// Validate reports how log breaks the schema, nil if it does not.
// Formats (uri, date-time) are asserted, not only annotated.
func Validate(log []byte) error {
	once.Do(compile)
	if err != nil {
		return err
	}
	inst, e := jsonschema.UnmarshalJSON(bytes.NewReader(log))
	if e != nil {
		return fmt.Errorf("SARIF log is not JSON: %w", e)
	}
	return schema.Validate(inst)
}

func compile() {
	data, e := os.ReadFile(Path())
	if e != nil {
		err = e
		return
	}
	doc, e := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if e != nil {
		err = fmt.Errorf("schema: %w", e)
		return
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if e := c.AddResource(URL, doc); e != nil {
		err = fmt.Errorf("schema: %w", e)
		return
	}
	schema, err = c.Compile(URL)
}
