// The example app of examples/main.ts, in Go. In your own app these modules come from the Go
// module proxy. scripts/test-languages.sh builds a copy of this folder with `replace` lines that
// point at the bindings jsii-pacmak generates on this machine.
module github.com/cdk8s-expose/cdk8s-expose/examples/go

go 1.25

require (
	github.com/aws/constructs-go/constructs/v10 v10.4.2
	github.com/aws/jsii-runtime-go v1.140.0
	github.com/cdk8s-expose/cdk8s-expose-go/cdk8sexpose v0.0.0
	github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 v2.70.0
	github.com/cdk8s-team/cdk8s-plus-go/cdk8splus28/v2 v2.5.6
)
