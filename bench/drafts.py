"""Makes N report drafts on a task through the API from 16 connections, for
bench/integration.sh. Usage: python3 bench/drafts.py REPORTS_URL TOKEN N"""
import http.client
import json
import sys
import threading
import urllib.parse

url, token, total = urllib.parse.urlsplit(sys.argv[1]), sys.argv[2], int(sys.argv[3])
body = json.dumps({"period": "2026-Q4", "body": "Báo cáo tiến độ", "actual_value": 50})
headers = {"content-type": "application/json", "authorization": "Bearer " + token}


def work(n):
    conn = http.client.HTTPConnection(url.hostname, url.port)
    for _ in range(n):
        conn.request("POST", url.path, body, headers)
        answer = conn.getresponse()
        answer.read()
        assert answer.status == 201, answer.status


threads = [threading.Thread(target=work, args=(total // 16,)) for _ in range(16)]
for t in threads:
    t.start()
for t in threads:
    t.join()
