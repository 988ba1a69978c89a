module example.com/typerename

go 1.22
