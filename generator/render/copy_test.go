package render

import (
	"reflect"
	"testing"
)

// TestCopyGroupsKeepPaths: every manifest lands at its own path, so an
// include such as `-r requirements/base.txt` or a Gradle subproject's build
// file is found where it is named.
func TestCopyGroupsKeepPaths(t *testing.T) {
	for _, tc := range []struct {
		name  string
		paths []string
		want  []CopyGroup
	}{
		{"none", nil, nil},
		{"root only", []string{"package.json", "package-lock.json"},
			[]CopyGroup{{Sources: []string{"package.json", "package-lock.json"}, Dest: "./"}}},
		{"nested requirements", []string{"requirements.txt", "requirements/prod.txt", "constraints.txt", "requirements/base.txt"},
			[]CopyGroup{
				{Sources: []string{"requirements.txt", "constraints.txt"}, Dest: "./"},
				{Sources: []string{"requirements/prod.txt", "requirements/base.txt"}, Dest: "requirements/"},
			}},
		{"root after a folder still first", []string{"app/build.gradle.kts", "settings.gradle.kts", "lib/a/b.gradle"},
			[]CopyGroup{
				{Sources: []string{"settings.gradle.kts"}, Dest: "./"},
				{Sources: []string{"app/build.gradle.kts"}, Dest: "app/"},
				{Sources: []string{"lib/a/b.gradle"}, Dest: "lib/a/"},
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := CopyGroups(tc.paths); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("CopyGroups(%q) = %+v, want %+v", tc.paths, got, tc.want)
			}
		})
	}
}
