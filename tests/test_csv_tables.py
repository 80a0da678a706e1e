"""The one reader of lca_data's CSV tables: rows, row numbers and the problems it records."""

from __future__ import annotations

from greendesign.inventory.csv_tables import read_table

COLUMNS = ("code", "name", "note")


def test_rows_keep_their_file_row_numbers_and_skip_empty_rows(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("\ufeffcode,name,note\na, Alpha ,x\n,,\n\nb,Beta,\"y, z\"\n", "utf-8")
    problems = []
    rows = read_table(path, COLUMNS, problems)
    assert problems == []
    assert [(r.number, r.values) for r in rows] == [
        (2, {"code": "a", "name": "Alpha", "note": "x"}),
        (5, {"code": "b", "name": "Beta", "note": "y, z"})]
    assert rows[0].where == "t.csv, row 2"


def test_cells_can_be_kept_as_written(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("code,name,note\na, Alpha ,x \n", "utf-8")
    rows = read_table(path, COLUMNS, [], strip=False)
    assert rows[0].values == {"code": "a", "name": " Alpha ", "note": "x "}


def test_missing_and_undecodable_files_are_problems_not_errors(tmp_path):
    problems = []
    assert read_table(tmp_path / "gone.csv", COLUMNS, problems, name="dir/gone.csv") == []
    (tmp_path / "latin.csv").write_bytes("code,name,note\na,Acier inoxydable é,\n"
                                         .encode("latin-1"))
    assert read_table(tmp_path / "latin.csv", COLUMNS, problems) == []
    assert problems[0].message == "dir/gone.csv is missing" and problems[0].hint
    assert "latin.csv is not UTF-8 text" in problems[1].message


def test_wrong_header_refuses_the_file_and_short_rows_are_left_out(tmp_path):
    problems = []
    (tmp_path / "h.csv").write_text("code,label,note\na,b,c\n", "utf-8")
    assert read_table(tmp_path / "h.csv", COLUMNS, problems) == []
    assert problems[0].message == "h.csv: the header must be code,name,note, got code,label,note"
    assert problems[0].row == 1
    (tmp_path / "r.csv").write_text("code,name,note\na,b\nc,d,e\n", "utf-8")
    rows = read_table(tmp_path / "r.csv", COLUMNS, problems)
    assert [r.values["code"] for r in rows] == ["c"]
    assert problems[1].message == "r.csv, row 2 has 2 cells, expected 3"
    assert problems[1].row == 2 and "quote" in problems[1].hint
