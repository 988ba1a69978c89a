module example.com/randseed

go 1.22
