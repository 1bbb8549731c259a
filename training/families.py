"""Report families as restoration sees them: the words that say a document belongs to a family, and the
phrases of the family's own vocabulary that restoration should prefer inside such a document.

Written from general knowledge of the domains (national campaign and body names, the standard terms of
each programme), never from the development documents. ``python -m training.lexicon`` compiles these
lists, with the gazetteer's names and what it learns from the training corpora, into
``pipeline/restore/data/lexicon.json.gz``; the runtime package reads only that file.

``keywords``: phrases matched on the diacritic-free skeleton of a document (``pipeline.text.skeleton``);
a document belongs to the family whose keywords it holds most densely (``pipeline.restore.family``).
``phrases``: the family's vocabulary with its marks; inside a document of the family, a run of tokens
whose skeleton is a phrase's skeleton prefers the phrase's reading.
"""

from __future__ import annotations

FAMILIES: dict[str, dict[str, list[str]]] = {
    "hanh_chinh": {  # the administrative register itself: reports, plans, decisions of local government
        "keywords": [
            "ubnd", "uy ban nhan dan", "noi nhan", "kinh gui", "ban chi dao", "hdnd", "bch", "tinh uy", "huyen uy",
            "dang uy", "v/v", "phong trao", "chi tieu", "doan the",
        ],
        "phrases": [
            "tờ rơi", "băng rôn", "khẩu hiệu", "pa nô", "áp phích", "tin bài", "truyền thanh", "loa truyền thanh",
            "thôn bản", "trưởng bản", "bản làng", "thôn, bản", "họp thôn", "sinh hoạt thôn", "các ban, ngành",
            "ban, ngành", "đoàn thể", "chỉ tiêu", "chỉ tiêu giao", "tỉnh giao", "huyện giao", "cấp ủy", "chính quyền",
            "địa phương", "cơ sở", "vùng cao", "vùng sâu, vùng xa", "đồng bào", "người có uy tín", "già làng",
            "biểu dương", "khen thưởng", "sơ kết", "tổng kết", "phương hướng", "nhiệm vụ", "tồn tại, hạn chế",
            "nguyên nhân", "đề xuất, kiến nghị", "kiến nghị", "trân trọng báo cáo", "bình xét", "bình xét thi đua",
        ],
    },
    "hmtn": {  # voluntary blood donation
        "keywords": [
            "hien mau", "don vi mau", "hmtn", "vdhmtn", "vdhm", "nguoi hien mau", "chu thap do",
            "hien mau tinh nguyen", "ngan hang mau", "tui mau", "nhom mau",
        ],
        "phrases": [
            "máu", "hiến máu", "hiến máu tình nguyện", "giọt máu", "cần máu", "tiếp nhận máu", "sử dụng máu", "vận động hiến máu", "người hiến máu", "lượt người hiến máu",
            "đơn vị máu", "nhóm máu", "lấy máu", "túi máu", "ngân hàng máu", "truyền máu", "chế phẩm máu",
            "máu an toàn", "nguồn máu", "thiếu máu", "hiến máu nhắc lại", "hiến tiểu cầu", "tiểu cầu",
            "hồng cầu", "huyết tương", "huyết học", "Huyết học - Truyền máu", "Viện Huyết học - Truyền máu Trung ương",
            "Trung tâm Truyền máu", "điểm hiến máu", "ngày hội hiến máu", "lễ tôn vinh", "tôn vinh",
            "người hiến máu tiêu biểu", "Hội Chữ thập đỏ", "Chữ thập đỏ", "Ban Chỉ đạo vận động hiến máu tình nguyện",
            "Chủ nhật Đỏ", "Hành trình Đỏ", "Lễ hội Xuân hồng", "Giọt hồng tri ân", "Giọt hồng",
            "Ngày toàn dân hiến máu tình nguyện", 
            "Trái tim tình nguyện", "Mỗi giọt máu cho đi - một cuộc đời ở lại", "câu lạc bộ hiến máu",
            "tiếp nhận", "tình nguyện viên", "được tiếp nhận", "lượt người",
            "hoãn hiến", "không đủ điều kiện hiến máu", "khám sàng lọc", "xét nghiệm", "cấp cứu", "điều trị",
            "bệnh viện", "bệnh viện đa khoa", "Trung tâm Y tế", "bằng khen", "giấy khen", "kỷ niệm chương",
            "Vì sức khỏe nhân dân", "huy hiệu", 
        ],
    },
    "giam_ngheo": {  # poverty reduction
        "keywords": [
            "ho ngheo", "can ngheo", "giam ngheo", "thoat ngheo", "tai ngheo", "ngheo da chieu", "chuan ngheo",
        ],
        "phrases": [
            "hộ", "nghèo", "hộ nghèo", "hộ cận nghèo", "cận nghèo", "giảm nghèo", "giảm nghèo bền vững", "thoát nghèo",
            "tái nghèo", "tái cận nghèo", "nghèo đa chiều", "chuẩn nghèo", "tỷ lệ hộ nghèo", "tỷ lệ hộ cận nghèo",
            "hộ mới thoát nghèo", "hộ nghèo phát sinh", "phát sinh mới", "hộ có mức sống trung bình",
            "rà soát hộ nghèo", "Chương trình mục tiêu quốc gia giảm nghèo bền vững", "mục tiêu quốc gia",
            "sinh kế", "đa dạng hóa sinh kế", "hỗ trợ nhà ở", "nhà ở", "thiếu hụt", "dịch vụ xã hội cơ bản",
            "vay vốn", "tín dụng ưu đãi", "Ngân hàng Chính sách xã hội", "bảo hiểm y tế", "đồng bào dân tộc thiểu số",
            "đặc biệt khó khăn", "vùng đặc biệt khó khăn", "nước sinh hoạt", "thu nhập bình quân",
            "giải quyết việc làm", "xuất khẩu lao động", "hộ", "nhân khẩu", "điểm phần trăm",
        ],
    },
    "tiem_chung": {  # immunisation
        "keywords": ["tiem chung", "vac xin", "vacxin", "mui tiem", "tiem phong", "tiem chung mo rong"],
        "phrases": [
            "tiêm chủng", "tiêm chủng mở rộng", "tiêm chủng đầy đủ", "vắc xin", "mũi tiêm", "tiêm phòng",
            "phản ứng sau tiêm", "sau tiêm", "trẻ em dưới 1 tuổi", "bại liệt", "sởi", "viêm gan B",
            "uốn ván", "bạch hầu", "ho gà", "viêm não Nhật Bản", "điểm tiêm", "buổi tiêm", "tỷ lệ tiêm",
            "phụ nữ có thai", "trẻ em", "Trạm Y tế", "Trung tâm Y tế", "cán bộ y tế",
        ],
    },
    "dan_so": {  # population and family planning
        "keywords": ["dan so", "ke hoach hoa gia dinh", "kế hoạch hóa", "sinh con thu 3", "mat can bang gioi tinh"],
        "phrases": [
            "dân số", "kế hoạch hóa gia đình", "sinh con thứ 3", "biện pháp tránh thai", "mất cân bằng giới tính khi sinh",
            "tỷ số giới tính khi sinh", "chất lượng dân số", "sàng lọc trước sinh", "sàng lọc sơ sinh",
            "cộng tác viên dân số", "người cao tuổi", "tuổi thọ", "mức sinh",
        ],
    },
}

# Bodies of the administrative system, written as their documents write them: a lexicon the decoder
# prefers for capitalised runs in any document (beside the gazetteer's place names).
ORGANISATIONS: list[str] = [
    "Ủy ban nhân dân", "Hội đồng nhân dân", "Ban Chỉ đạo", "Ban Thường vụ", "Ban Chấp hành", "Ban Tuyên giáo",
    "Ban Dân vận", "Mặt trận Tổ quốc", "Ủy ban Mặt trận Tổ quốc Việt Nam", "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "Đoàn Thanh niên", "Tỉnh Đoàn", "Huyện Đoàn", "Thành Đoàn", "Hội Liên hiệp Phụ nữ", "Hội Cựu chiến binh",
    "Hội Nông dân", "Liên đoàn Lao động", "Công an", "Bộ Chỉ huy Quân sự", "Ban Chỉ huy Quân sự",
    "Bộ đội Biên phòng", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Lao động - Thương binh và Xã hội",
    "Sở Tài chính", "Sở Nội vụ", "Sở Kế hoạch và Đầu tư", "Sở Thông tin và Truyền thông", "Sở Văn hóa, Thể thao và Du lịch",
    "Phòng Y tế", "Phòng Giáo dục và Đào tạo", "Phòng Lao động - Thương binh và Xã hội", "Phòng Văn hóa và Thông tin",
    "Phòng Tài chính - Kế hoạch", "Phòng Nội vụ", "Trung tâm Y tế", "Trạm Y tế", "Bệnh viện Đa khoa",
    "Văn phòng", "Thường trực", "Kính đề nghị", "Trân trọng",
    "Chủ tịch", "Phó Chủ tịch", "Trưởng ban", "Phó Trưởng ban", "Bí thư", "Phó Bí thư", "Giám đốc", "Phó Giám đốc",
    "Trưởng phòng", "Phó Trưởng phòng", "Ủy viên", "Thủ trưởng", "Nơi nhận", "Kính gửi", "Như trên",
    "Cộng hòa xã hội chủ nghĩa Việt Nam", "Độc lập - Tự do - Hạnh phúc", "Bộ Y tế", "Bộ Lao động - Thương binh và Xã hội",
    "Chính phủ", "Thủ tướng Chính phủ", "Quốc hội", "Tỉnh ủy", "Huyện ủy", "Thành ủy", "Đảng ủy", "Chi bộ",
    "Báo cáo", "Kế hoạch", "Quyết định", "Công văn", "Thông báo", "Tờ trình", "Nghị quyết", "Nghị định", "Thông tư",
    "Chỉ thị", "Hướng dẫn", "Căn cứ", "Trường Trung học phổ thông",
    "Trường Mầm non", "Trường Tiểu học", "Trường Trung học cơ sở", "Trường Cao đẳng", "Ngân hàng", "Bưu điện",
    "Kho bạc Nhà nước", "Chi cục Thuế", "Đồn Biên phòng", "Đài Truyền thanh", "Đài Phát thanh và Truyền hình",
]

# Acronyms of the administrative register that old OCR prints without their Đ (the form without -> with);
# the training corpora add the ones they write with Đ (``training.lexicon.acronym_table``).
ACRONYMS: dict[str, str] = {
    "BCD": "BCĐ", "VDHMTN": "VĐHMTN", "VDHM": "VĐHM", "CTD": "CTĐ", "HCTD": "HCTĐ", "HDND": "HĐND", "QD": "QĐ",
    "ND": "NĐ", "TD": "TĐ", "DTN": "ĐTN", "LDLD": "LĐLĐ", "CD": "CĐ", "DU": "ĐU",
}
# Acronyms and unit symbols right as printed: kept as they are, whatever their case, even in OCR text
# (elsewhere only letters printed as look-alike digits or signs may change).
KEPT: list[str] = (
    "HMTN UBND TNCS MTTQ BCH KH BC CP TT UB TW HCM VN STTTT TTTT BHYT BHXH HĐ TP TX VP NSNN KT TM GD ĐT "
    "ml kg km cm mm kw kwh"
).split()

# Family names of the Kinh and of the peoples of the northern uplands (Thái, Mông, Dao, Tày, Nùng ...), and
# the middle names that follow them in a person's name (Lò Văn, Giàng A, Sùng Seo, Hoàng Thị): pairs the
# decoder prefers on capitalised runs.
SURNAMES: list[str] = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào Trịnh Mai Lương Tạ Chu "
    "Cao Lưu Tô Quách Thái Hà Lâm Kiều Vương Phùng Triệu Mạc Tăng Nông Ma Bàn Chảo Lò Lường Quàng Cà Tòng Vì "
    "Điêu Lù Giàng Sùng Thào Mùa Vàng Lầu Hờ Sình Tráng Hạng Chá Ly Sần Khoàng Lô Mè Lèo Sầm Hoàng Bế Đàm Lục"
).split()
MIDDLE_NAMES: list[str] = "Văn Thị A Seo Mí Đức Minh Ngọc Xuân Hữu Quang".split()
# Words that head a line of an administrative document, alone before a colon (Số: 12/BC-UBND).
HEADINGS: list[str] = [
    "Số", "Nơi nhận", "Kính gửi", "Về việc", "Trích yếu", "Căn cứ", "Điều", "Chương", "Mục", "Phụ lục", "Lưu",
    "Ghi chú", "Đơn vị tính", "Tổng cộng", "Tổng số", "Người lập", "Thời gian", "Địa điểm", "Thành phần", "Nội dung",
]
