def test_desk(desk):
    t = desk.ticket()
    assert t.number == "F000001"
