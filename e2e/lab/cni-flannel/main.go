// The lab's "flannel" CNI plugin: what flannel's own plugin does for the kube subnet manager,
// written here because github.com/flannel-io/cni-plugin is not served by the module proxy.
// It reads /run/flannel/subnet.env (written by flanneld), completes the delegate network (a
// bridge on cni0 with host-local IPAM in the node's subnet, the overlay's MTU, a route to the
// cluster network) and runs the real delegate plugin from CNI_PATH. ADD saves the delegate's
// config so that DEL undoes exactly what ADD did.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

type netConf struct {
	CNIVersion string                 `json:"cniVersion"`
	Name       string                 `json:"name"`
	SubnetFile string                 `json:"subnetFile"`
	DataDir    string                 `json:"dataDir"`
	Delegate   map[string]interface{} `json:"delegate"`
}

func fail(code int, msg string) {
	_ = json.NewEncoder(os.Stdout).Encode(map[string]interface{}{"cniVersion": "0.3.1", "code": code, "msg": msg})
	os.Exit(1)
}

func subnetEnv(file string) (map[string]string, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	env := map[string]string{}
	s := bufio.NewScanner(f)
	for s.Scan() {
		if k, v, ok := strings.Cut(strings.TrimSpace(s.Text()), "="); ok {
			env[k] = v
		}
	}
	for _, k := range []string{"FLANNEL_NETWORK", "FLANNEL_SUBNET", "FLANNEL_MTU"} {
		if env[k] == "" {
			return nil, fmt.Errorf("%s has no %s", file, k)
		}
	}
	return env, s.Err()
}

// delegate runs the plugin with conf on stdin, its result or error going to ours.
func delegate(conf []byte, plugin string) bool {
	var path string
	for _, dir := range filepath.SplitList(os.Getenv("CNI_PATH")) {
		if p := filepath.Join(dir, plugin); fileExists(p) {
			path = p
			break
		}
	}
	if path == "" {
		fail(7, "delegate plugin "+plugin+" not found in CNI_PATH")
	}
	cmd := exec.Command(path)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(conf), os.Stdout, os.Stderr
	return cmd.Run() == nil
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

func main() {
	command := os.Getenv("CNI_COMMAND")
	if command == "VERSION" {
		fmt.Print(`{"cniVersion":"1.0.0","supportedVersions":["0.3.0","0.3.1","0.4.0","1.0.0"]}`)
		return
	}
	var n netConf
	if err := json.NewDecoder(os.Stdin).Decode(&n); err != nil {
		fail(6, "bad network config: "+err.Error())
	}
	if n.SubnetFile == "" {
		n.SubnetFile = "/run/flannel/subnet.env"
	}
	if n.DataDir == "" {
		n.DataDir = "/var/lib/cni/flannel"
	}
	saved := filepath.Join(n.DataDir, os.Getenv("CNI_CONTAINERID"))
	switch command {
	case "ADD", "CHECK":
		env, err := subnetEnv(n.SubnetFile)
		if err != nil {
			fail(11, "flannel: "+err.Error()+" (is flanneld running?)")
		}
		d := map[string]interface{}{}
		for k, v := range n.Delegate {
			d[k] = v
		}
		d["name"], d["cniVersion"] = n.Name, n.CNIVersion
		if _, ok := d["type"]; !ok {
			d["type"] = "bridge"
		}
		mtu, _ := strconv.Atoi(env["FLANNEL_MTU"])
		d["mtu"] = mtu
		if _, ok := d["ipMasq"]; !ok {
			d["ipMasq"] = env["FLANNEL_IPMASQ"] != "true"
		}
		if d["type"] == "bridge" {
			if _, ok := d["bridge"]; !ok {
				d["bridge"] = "cni0"
			}
			d["isGateway"] = true
		}
		// FLANNEL_SUBNET is the node's first address (10.244.2.1/24); IPAM wants the network.
		_, subnet, err := net.ParseCIDR(env["FLANNEL_SUBNET"])
		if err != nil {
			fail(11, "flannel: FLANNEL_SUBNET: "+err.Error())
		}
		d["ipam"] = map[string]interface{}{
			"type":   "host-local",
			"ranges": [][]map[string]string{{{"subnet": subnet.String()}}},
			"routes": []map[string]string{{"dst": env["FLANNEL_NETWORK"]}},
		}
		conf, _ := json.Marshal(d)
		if command == "ADD" {
			if err := os.MkdirAll(n.DataDir, 0o700); err != nil {
				fail(11, err.Error())
			}
			if err := os.WriteFile(saved, conf, 0o600); err != nil {
				fail(11, err.Error())
			}
		}
		if !delegate(conf, d["type"].(string)) {
			if command == "ADD" {
				_ = os.Remove(saved) // nothing to undo: DEL will find no config
			}
			os.Exit(1)
		}
	case "DEL":
		conf, err := os.ReadFile(saved)
		if os.IsNotExist(err) {
			return // nothing was added, or it was deleted already
		} else if err != nil {
			fail(11, err.Error())
		}
		var d map[string]interface{}
		_ = json.Unmarshal(conf, &d)
		if !delegate(conf, d["type"].(string)) {
			os.Exit(1)
		}
		_ = os.Remove(saved)
	default:
		fail(4, "unknown CNI_COMMAND "+command)
	}
}
