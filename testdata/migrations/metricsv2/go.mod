module example.com/metricsv2

go 1.22
