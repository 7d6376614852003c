import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { explicitMtu, parseCniConfig } from "./cni-config";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dir = path.resolve(repoRoot, "../shared/fixtures/cni");
const present = fs.existsSync(dir);
const facts = (file: string) =>
  parseCniConfig(fs.readFileSync(path.join(dir, file), "utf8"), file)!;

describe("explicitMtu", () => {
  it("keeps only positive integers; 0, auto, empty and placeholders mean not set", () => {
    expect(explicitMtu(1450)).toBe(1450);
    expect(explicitMtu("1440")).toBe(1440);
    for (const v of [0, "0", "auto", "", "__CNI_MTU__", null, undefined, -1])
      expect(explicitMtu(v)).toBeNull();
  });
});

describe.skipIf(!present)(
  "parseCniConfig on the public fixtures: where the MTU is set, and the traps",
  () => {
    it("names the ConfigMap and key that set calico's MTU", () => {
      expect(facts("calico-microk8s-calico-config.yaml")).toMatchObject({
        format: "manifest",
        facts: {
          configuredMtu: 1440,
          mtuSource: "ConfigMap kube-system/calico-config key veth_mtu",
          mtuMeaning: "pod",
        },
      });
    });

    it("reads AWS_VPC_ENI_MTU from the aws-node container env", () => {
      expect(facts("aws-vpc-cni-aws-node-daemonset.yaml").facts.mtuSource).toBe(
        "DaemonSet kube-system/aws-node container aws-node env AWS_VPC_ENI_MTU",
      );
    });

    it("takes antrea noEncap as no encapsulation although tunnelType geneve is present, and defaultMTU 0 as unset", () => {
      expect(facts("antrea-gke-antrea-agent-conf.yaml").facts).toMatchObject({
        cni: "antrea",
        encapsulation: "none",
        configuredMtu: null,
      });
    });

    it("reports weave, not flannel, for a weave List whose init container greps flannel.1", () => {
      expect(facts("weave-net-list-weave-mtu-8912.yaml").facts).toMatchObject({
        cni: "weave",
        configuredMtu: 8912,
        mtuSource: "DaemonSet kube-system/weave-net container weave env WEAVE_MTU",
      });
    });

    it('recognises kube-proxy configs; mode "" chooses nothing', () => {
      expect(facts("kube-proxy-kubeadm-v1.34-configmap-mode-empty.yaml")).toMatchObject({
        format: "manifest",
        facts: { kubeProxyMode: null, cni: "unknown" },
      });
      expect(facts("kube-proxy-kubeadm-nftables.yaml").facts.kubeProxyMode).toBe("nftables");
    });

    it("marks cilium's kube-proxy replacement, and reads the INI and subnet.env formats", () => {
      expect(facts("cilium-config-kops-scaleway-vxlan.yaml").facts).toMatchObject({
        kubeProxyReplaced: true,
        kubeProxyMode: null,
      });
      expect(facts("ovn-kubernetes-ovn_k8s.conf")).toMatchObject({
        format: "ini",
        facts: { configuredMtu: 1400, mtuSource: "ovn-kubernetes-ovn_k8s.conf [default] mtu" },
      });
      expect(facts("flannel-subnet-dualstack.env")).toMatchObject({
        format: "subnet-env",
        facts: { configuredMtu: 1450 },
      });
    });

    it("returns null for text that configures nothing it knows", () => {
      expect(
        parseCniConfig(fs.readFileSync(path.join(dir, "INDEX.md"), "utf8"), "INDEX.md"),
      ).toBeNull();
    });
  },
);
