from pathlib import Path
from journeyeditor.measure.sources import FileSource, ColumnMapping
from journeyeditor.measure.funnel import FunnelJob, StageRule
p = Path("f.csv")
p.write_bytes("client;quand;evenement;canal\nc1;31/12/2026 14:05;Visite;web\nc1;31/12/2026 15:05;Achat €;web\nc2;bad;Achat;store\nc3;01/01/2027 09:00;Achat\n;02/01/2027 10:00;Visite;web\nc4;;Visite;web\nc5;03/01/2027 10:00;Visite;web;extra\nc6;03/01/2027 10:00;Visite;\nc6;04/01/2027 10:00;visite;\n".encode("cp1252"))
src = FileSource(p, ColumnMapping("client", "quand", "evenement", ("canal",)))
with FunnelJob(src, [StageRule("see", ("visit*",)), StageRule("buy", ("achat*",))]) as job:
    print(job._open().dialect)
    print(job.check())
    print(job.sql())
    r = job.run()
    print(r)
