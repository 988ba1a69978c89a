module example.com/teamfactory

go 1.22
