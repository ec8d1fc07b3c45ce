package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"bnlab/lessons/course"
)

// testLighthouse runs Lighthouse (BNLAB_LIGHTHOUSE, the npm package
// lighthouse@12.2.3 that .ci/run installs; its own headless Chromium, the
// desktop preset) on every lesson and on the overview: accessibility, best
// practices and SEO must all score 100. Under CI a missing Lighthouse
// fails the test; elsewhere it skips, saying so. Two run at a time.
func testLighthouse(t *testing.T, env *browserEnv) {
	lh := os.Getenv("BNLAB_LIGHTHOUSE")
	if _, err := os.Stat(lh); lh == "" || err != nil {
		msg := "Lighthouse not found: set BNLAB_LIGHTHOUSE to the lighthouse CLI (npm install lighthouse@12.2.3)"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip("SKIPPED: " + msg)
	}
	ids := []string{"overview"}
	for _, e := range course.Lessons() {
		ids = append(ids, "lesson="+e.ID)
	}
	dir := t.TempDir()
	slots := make(chan struct{}, 2) // two Lighthouse runs at a time
	for _, id := range ids {
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			slots <- struct{}{}
			defer func() { <-slots }()
			out := filepath.Join(dir, strings.ReplaceAll(id, "=", "-")+".json")
			cmd := exec.Command(lh, env.base+"#"+id, "--preset=desktop", "--only-categories=accessibility,best-practices,seo", "--max-wait-for-load=10000",
				"--chrome-flags=--headless=new --no-sandbox", "--output=json", "--output-path="+out, "--quiet")
			cmd.Env = append(os.Environ(), "CHROME_PATH=/usr/bin/chromium")
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("lighthouse: %v\n%s", err, b)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			var r struct {
				Categories map[string]struct {
					Score *float64 `json:"score"`
				} `json:"categories"`
				Audits map[string]struct {
					Title string   `json:"title"`
					Score *float64 `json:"score"`
					Mode  string   `json:"scoreDisplayMode"`
				} `json:"audits"`
			}
			if err := json.Unmarshal(b, &r); err != nil {
				t.Fatal(err)
			}
			var failing []string
			for k, a := range r.Audits {
				if a.Score != nil && *a.Score < 1 && (a.Mode == "binary" || a.Mode == "numeric") {
					failing = append(failing, k)
				}
			}
			for _, c := range []string{"accessibility", "best-practices", "seo"} {
				got, ok := r.Categories[c]
				if !ok || got.Score == nil || *got.Score < 1 {
					t.Errorf("%s: %s below 100 (failing audits: %v)", id, c, failing)
				}
			}
			t.Logf("%s: accessibility, best practices, SEO 100; audits not passed (weight 0 in the scores): %v", id, failing)
		})
	}
}
