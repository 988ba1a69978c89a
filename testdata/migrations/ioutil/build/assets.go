package build

import (
	"io"
	"io/ioutil"
	"os"
	"path/filepath"
)

// CopyAssets copies the regular files of src into dst, keeping their
// permission bits (the deploy hook must stay executable).
func CopyAssets(src, dst string) (int, error) {
	infos, err := ioutil.ReadDir(src)
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return 0, err
	}
	n := 0
	for _, fi := range infos {
		if !fi.Mode().IsRegular() {
			continue
		}
		if err := copyFile(filepath.Join(src, fi.Name()), filepath.Join(dst, fi.Name()), fi.Mode().Perm()); err != nil {
			return n, err
		}
		n++
	}
	logger.Printf("copied %d asset(s)", n)
	return n, nil
}

func copyFile(from, to string, perm os.FileMode) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// AssetBytes is the total size of the assets in dir, for the build
// summary.
func AssetBytes(dir string) (int64, error) {
	infos, err := ioutil.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	var total int64
	for _, fi := range infos {
		total += fi.Size()
	}
	return total, nil
}
