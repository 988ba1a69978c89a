package report

import (
	"encoding/json"
	"io"
	"reflect"
)

// writeJSON prints v as indented JSON with every list as a list: a nil
// slice anywhere in v prints as [], never null, so that a consumer can
// iterate without a check. v is not changed: the lists are filled in a
// copy.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(withLists(reflect.ValueOf(v)).Interface())
}

// withLists copies v, replacing nil slices reached through pointers,
// structs (exported fields), slices, arrays and maps with empty ones.
func withLists(v reflect.Value) reflect.Value {
	// Every other kind is copied as it is.
	//exhaustive:ignore
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(withLists(v.Elem()))
		return p
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out.Field(i).Set(withLists(v.Field(i)))
			}
		}
		return out
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return v // []byte prints as a string
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(withLists(v.Index(i)))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			out.SetMapIndex(it.Key(), withLists(it.Value()))
		}
		return out
	default:
		return v
	}
}
