// The YAML oracle: reads a JSON array of YAML documents on stdin and prints, for each, what
// sigs.k8s.io/yaml (kubectl's and the API server's decoder) makes of it, as JSON: the value, or
// the error. Strict is YAMLToJSONStrict (duplicate fields refused), as strict field validation.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"sigs.k8s.io/yaml"
)

type result struct {
	JSON   json.RawMessage `json:"json,omitempty"`
	Error  string          `json:"error,omitempty"`
	Strict string          `json:"strictError,omitempty"`
}

func main() {
	var docs []string
	if err := json.NewDecoder(os.Stdin).Decode(&docs); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	out := make([]result, len(docs))
	for i, doc := range docs {
		j, err := yaml.YAMLToJSON([]byte(doc))
		if err != nil {
			out[i].Error = err.Error()
		} else {
			out[i].JSON = j
		}
		if _, err := yaml.YAMLToJSONStrict([]byte(doc)); err != nil {
			out[i].Strict = err.Error()
		}
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
