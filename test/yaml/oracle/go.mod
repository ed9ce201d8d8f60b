module github.com/cdk8s-expose/cdk8s-expose/test/yaml/oracle

go 1.26.0

require sigs.k8s.io/yaml v1.6.0

require go.yaml.in/yaml/v2 v2.4.2 // indirect
