#!/usr/bin/env python3
"""Flow-node coverage per process, merged over every test class's report in target/process-test-coverage.

The coverage extension writes one report per test class; a process is usually exercised by several
classes, so its coverage is the union of the flow nodes they passed. Prints one line per process and
exits 1 when a process given with --min-for is below the threshold.
Usage: scripts/coverage-summary.py [--min 0.9] [--min-for partner-call,partner-application,...]
"""
import argparse, glob, json, os, re, sys

parser = argparse.ArgumentParser()
parser.add_argument('--min', type=float, default=0.9)
parser.add_argument('--min-for', default='')
args = parser.parse_args()

root = os.path.join(os.path.dirname(__file__), '..', 'target', 'process-test-coverage')
totals, passed = {}, {}
for report in glob.glob(os.path.join(root, '*', 'report.json')):
    data = json.load(open(report, encoding='utf-8'))
    for model in data.get('models', []):
        # Flow nodes of the model: every BPMN element with an id that is a node (not a flow, not DI).
        nodes = set(re.findall(r'<bpmn:(?:startEvent|endEvent|intermediateCatchEvent|intermediateThrowEvent|boundaryEvent|'
                               r'userTask|serviceTask|sendTask|receiveTask|scriptTask|businessRuleTask|task|callActivity|'
                               r'subProcess|exclusiveGateway|parallelGateway|inclusiveGateway|eventBasedGateway)\b[^>]*\bid="([^"]+)"',
                               model['xml']))
        totals.setdefault(model['key'], set()).update(nodes)
    for suite in data.get('suites', []):
        for run in suite.get('runs', []):
            for event in run.get('events', []):
                if event.get('source') == 'FLOW_NODE':
                    passed.setdefault(event['modelKey'], set()).add(event['definitionKey'])

required = [k for k in args.min_for.split(',') if k]
failed = False
for key in sorted(totals):
    covered = passed.get(key, set()) & totals[key]
    ratio = len(covered) / len(totals[key]) if totals[key] else 1.0
    missing = sorted(totals[key] - covered)
    print(f"coverage {key}: {len(covered)}/{len(totals[key])} flow nodes = {ratio:.0%}" + (f"  (not passed: {', '.join(missing)})" if missing else ''))
    if key in required and ratio < args.min:
        failed = True
for key in required:
    if key not in totals:
        print(f"coverage {key}: no report")
        failed = True
sys.exit(1 if failed else 0)
