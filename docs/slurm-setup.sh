#!/bin/bash
# A one-node Slurm cluster on this machine (Debian's slurm-wlm), to try `maskstudio sweep --emit slurm` for real.
# Run as root:  bash docs/slurm-setup.sh start   |   bash docs/slurm-setup.sh stop
# It installs slurm-wlm (with munge), writes /etc/slurm/slurm.conf for this host alone (no cgroups, so it also runs
# in a container), starts munged, slurmctld and slurmd, and waits until the node takes jobs. See docs/slurm.md.
set -euo pipefail

RUN=/run/maskstudio-slurm
HOST=$(hostname -s)

start() {
    if ! command -v slurmctld >/dev/null; then
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y slurm-wlm
    fi
    mkdir -p "$RUN" /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge
    chown munge:munge /run/munge
    [ -s /etc/munge/munge.key ] || { dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null; chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key; }
    local cpus mem
    cpus=$(nproc)
    # Leave the system some memory; Slurm refuses a node that reports less than RealMemory
    mem=$(( $(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo) * 9 / 10 ))
    cat > /etc/slurm/slurm.conf <<CONF
# Written by MaskStudio's docs/slurm-setup.sh: one node, this host, every CPU schedulable on its own.
ClusterName=maskstudio-local
SlurmctldHost=$HOST
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=$RUN/slurmctld.pid
SlurmdPidFile=$RUN/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
    if [ ! -s "$RUN/munged.pid" ] || ! kill -0 "$(cat "$RUN/munged.pid")" 2>/dev/null; then
        runuser -u munge -- /usr/sbin/munged --pid-file=/run/munge/munged.pid
        sleep 1
        cp /run/munge/munged.pid "$RUN/munged.pid"
    fi
    munge -n | unmunge >/dev/null
    /usr/sbin/slurmctld
    /usr/sbin/slurmd
    for _ in $(seq 1 30); do
        if sinfo -h -N -o %t 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then
            sinfo
            return 0
        fi
        sleep 1
    done
    echo "the node did not come up; see /var/log/slurm/slurmctld.log and slurmd.log" >&2
    sinfo -N -l >&2 || true
    return 1
}

stop() {
    # Only the daemons this script started, by the pids they wrote
    for name in slurmd slurmctld munged; do
        if [ -s "$RUN/$name.pid" ]; then
            kill "$(cat "$RUN/$name.pid")" 2>/dev/null || true
            rm -f "$RUN/$name.pid"
        fi
    done
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
