//! Tests of `find` on sentences of each kind of name.
use super::*;

#[test]
fn organizations() {
    let v =
        values("Giao Sở Nội vụ, Văn phòng Sở và Phòng Hành chính - Tổng hợp; UBND tỉnh chỉ đạo.");
    assert!(v.iter().any(|x| x == "Sở Nội vụ"), "{v:?}");
    assert!(v.iter().any(|x| x == "Văn phòng Sở"), "{v:?}");
    assert!(v.iter().any(|x| x == "UBND tỉnh"), "{v:?}");
    // Lower-case name words of units go on; a verb after the name ends it.
    let v = values(
        "Phòng Hành chính tư pháp chủ trì; Sở Nội vụ tổng hợp báo cáo; Trung tâm Phục vụ \
             hành chính công tiếp nhận.",
    );
    assert_eq!(
        v,
        vec![
            "Phòng Hành chính tư pháp",
            "Sở Nội vụ",
            "Trung tâm Phục vụ hành chính công"
        ]
    );
    // Many units (`các huyện`) are not one organisation; a title before an organ is not
    // part of it.
    let v = values("Kính gửi Phòng Tư pháp các huyện, thị xã và Thủ tướng Chính phủ.");
    assert_eq!(v, vec!["Chính phủ"]);
    // A level after the name is part of it, and so is a place name after the level (as
    // the real documents' gold reads `Sở Tư pháp tỉnh Đồng Nai`); a unit word ends a name
    // before a verb; `và` joins listed name words.
    let v = values(
        "Hội Nông dân xã phối hợp với Trung tâm Văn hóa tỉnh; Thanh tra Sở kiểm tra; \
             Phòng Quản lý văn hóa và gia đình chủ trì; Phòng Tư pháp huyện Can Lộc.",
    );
    assert_eq!(
        v,
        vec![
            "Hội Nông dân xã",
            "Trung tâm Văn hóa tỉnh",
            "Thanh tra Sở",
            "Phòng Quản lý văn hóa và gia đình",
            "Phòng Tư pháp huyện Can Lộc"
        ]
    );
}

#[test]
fn places_after_levels() {
    // A place whose first word is a head word (`Hội An`) is a place, not a unit, and
    // goes with the level before it.
    let v = values("UBND thành phố Hội An và các phường Hội An Tây, Hội An Đông; Hội Nông dân.");
    assert_eq!(v, vec!["UBND thành phố Hội An", "Hội Nông dân"]);
    // One whose last word is a head word (`Hải Phòng`) as well.
    let v = values("Quyết định của Ủy ban nhân dân thành phố Hải Phòng về việc ban hành.");
    assert_eq!(v, vec!["Ủy ban nhân dân thành phố Hải Phòng"]);
    // A listed place ends where the gazetteer's name ends (`Đà Nẵng`, not `Đà Nẵng Sửa`
    // of a title that follows); an unlisted one keeps its capitalised words; a single
    // capitalised word that opens a phrase (`Chỉ đạo`) is no place.
    let v = values(
        "Quyết định của UBND thành phố Đà Nẵng Sửa đổi quy chế; Công an Thành phố Chỉ đạo \
             các đơn vị; UBND thành phố Quy Nhơn về việc; UBND tỉnh\nQuảng Trị chỉ đạo.",
    );
    assert_eq!(
        v,
        vec![
            "UBND thành phố Đà Nẵng",
            "Công an Thành phố",
            "UBND thành phố Quy Nhơn",
            "UBND tỉnh Quảng Trị"
        ]
    );
}

#[test]
fn press_and_broadcasters() {
    let v = values(
        "Gửi Báo và Phát thanh, Truyền hình Cần Thơ; Báo và PTTH tỉnh; Báo và Đài Phát thanh \
             - Truyền hình Đà Nẵng; Báo và PTTH CT.",
    );
    assert_eq!(
        v,
        vec![
            "Báo và Phát thanh, Truyền hình Cần Thơ",
            "Báo và PTTH tỉnh",
            "Báo và Đài Phát thanh - Truyền hình Đà Nẵng",
            "Báo và PTTH CT"
        ]
    );
}

#[test]
fn abbreviated_unit_names() {
    // A head word and an abbreviation in capitals are a name; a heading in capitals is
    // not; a dash before a parent's short name ends the name.
    let v = values(
            "Gửi Cục QLG, Ban TCCB; Sở KH&CN chủ trì; Cục KSTTHC – VPCP; Bộ CHQS tỉnh phối hợp.\nSỞ NỘI VỤ",
        );
    assert_eq!(
        v,
        vec![
            "Cục QLG",
            "Ban TCCB",
            "Sở KH&CN",
            "Cục KSTTHC",
            "Bộ CHQS tỉnh"
        ]
    );
}

#[test]
fn long_unit_names() {
    // Lower-case syllables of a capitalised word go on when the name visibly goes on;
    // a joined part takes its own syllables; `Phòng thủ` is a word, not a new unit.
    let v = values(
        "Mời Ban Chỉ đạo Đổi mới và Phát triển doanh nghiệp, Tập đoàn Điện lực - Viễn thông \
             Hải Phòng và Ban Chỉ huy Phòng thủ dân sự tỉnh; Trung tâm Chuyển đổi số Thành phố \
             chủ trì.",
    );
    assert_eq!(
        v,
        vec![
            "Ban Chỉ đạo Đổi mới và Phát triển doanh nghiệp",
            "Tập đoàn Điện lực - Viễn thông Hải Phòng",
            "Ban Chỉ huy Phòng thủ dân sự tỉnh",
            "Trung tâm Chuyển đổi số Thành phố"
        ]
    );
    // A company's legal form after a dash stays; a verb after a name ends it.
    let v = values("Tổng Công ty Xăng dầu Miền Bắc - CTCP; Sở Xây dựng Hải Phòng ban hành.");
    assert_eq!(
        v,
        vec![
            "Tổng Công ty Xăng dầu Miền Bắc - CTCP",
            "Sở Xây dựng Hải Phòng"
        ]
    );
}

#[test]
fn units_with_their_parents() {
    // A sub-unit and its parent written together are one name; an office takes the unit
    // after it; a committee `của Quốc hội` is one name; a portal takes its owner.
    let v = values(
        "Gửi Vụ Tổ chức Bộ Ngoại giao; Văn phòng Ban Chỉ đạo Đổi mới tỉnh; Ủy ban Pháp luật \
             của Quốc hội; Cổng TTĐT Bộ Nội vụ; Chi nhánh số 2 Trung tâm Phục vụ hành chính \
             công tỉnh; Đoàn đại biểu Quốc hội tỉnh; Quốc hội khóa XVI; Chi cục Hải quan khu \
             vực IV; Đảng ủy UBND tỉnh; Văn phòng Tỉnh ủy.",
    );
    assert_eq!(
        v,
        vec![
            "Vụ Tổ chức Bộ Ngoại giao",
            "Văn phòng Ban Chỉ đạo Đổi mới tỉnh",
            "Ủy ban Pháp luật của Quốc hội",
            "Cổng TTĐT Bộ Nội vụ",
            "Chi nhánh số 2 Trung tâm Phục vụ hành chính công tỉnh",
            "Đoàn đại biểu Quốc hội tỉnh",
            "Quốc hội khóa XVI",
            "Chi cục Hải quan khu vực IV",
            "Đảng ủy UBND tỉnh",
            "Văn phòng Tỉnh ủy"
        ]
    );
}

#[test]
fn funds_inspectorates_and_wrapped_levels() {
    // A fund is a body (listed or by its head word); `Thanh tra` + a level is one; the
    // level's words may be parted by a line break; an area unit named without its number.
    // A title in capitals (`Bộ Trưởng`) is none; `&` before a joined body is neither's.
    let v = values(
        "Giao Quỹ đầu tư phát triển tỉnh và Quỹ Bảo vệ môi trường; Thanh tra tỉnh kiểm tra; \
             UBND thành\nphố Quy Nhơn chủ trì; đổi tên thành “Chi cục Thuế khu vực”; Bộ Trưởng \
             ký; Văn phòng ĐBQH&HĐND tỉnh.",
    );
    assert_eq!(
        v,
        vec![
            "Quỹ đầu tư phát triển tỉnh",
            "Quỹ Bảo vệ môi trường",
            "Thanh tra tỉnh",
            "UBND thành phố Quy Nhơn",
            "Chi cục Thuế khu vực",
            "Văn phòng ĐBQH",
            "HĐND tỉnh"
        ]
    );
}

#[test]
fn party_committees() {
    // A Party committee alone, of a ministry named by its head word, with its standing
    // body, or of a body named after it.
    let v = values(
        "Báo cáo Đảng ủy, Đảng ủy cơ quan; giúp việc Đảng ủy Bộ. Ban Thường vụ Đảng ủy: \
             Đảng ủy UBND huyện chỉ đạo.",
    );
    assert_eq!(
        v,
        vec![
            "Đảng ủy",
            "Đảng ủy Bộ",
            "Ban Thường vụ Đảng ủy",
            "Đảng ủy UBND huyện"
        ]
    );
}

#[test]
fn sets_of_units() {
    // Several levels (`xã, phường`), a kind of unit (`cấp xã`, `các cấp`) and `các Ban …`
    // (with the council it names as their owner) are no organisation; a single one is.
    let v = values(
        "Chủ tịch Ủy ban nhân dân xã, phường; Sở Y tế tỉnh, thành phố; Trung tâm Y tế cấp \
             huyện; Trung tâm Văn hóa các cấp; các Ban Hội đồng nhân dân tỉnh; Sở Y tế tỉnh.",
    );
    assert_eq!(v, vec!["Sở Y tế tỉnh"]);
    // Levels written with a slash are many too.
    assert!(values("Giám đốc Sở Y tế các tỉnh/TP trực thuộc TW.").is_empty());
    // A unit of a council of many places is a kind of unit; of one council, a unit.
    let v = values(
        "Giao Phòng Kinh tế thuộc Ủy ban nhân dân xã, phường và Phòng Nội vụ thuộc UBND \
             các huyện; Phòng Tư pháp thuộc UBND huyện.",
    );
    assert_eq!(v, vec!["Phòng Tư pháp", "UBND huyện"]);
}

#[test]
fn name_ends_before_the_sentence_goes_on() {
    // A capitalised word's single syllable is the name's when a verb or `và` + a common
    // noun follows (`Ban Tuyên giáo` + `và cơ quan`); `biết` after a name is the
    // sentence's; a kind of body without its name (`Ban Chỉ đạo`) is none, its office is.
    let v = values(
        "Văn phòng Ban Điều hành chủ trì; Ban Tuyên giáo và cơ quan liên quan; Sở Nội vụ biết, \
             thực hiện; Ngân hàng Nhà nước; Văn phòng Trung ương Đảng; Ban Chỉ đạo chủ trì; \
             thường trực Ban chỉ đạo.",
    );
    assert_eq!(
        v,
        vec![
            "Văn phòng Ban Điều hành",
            "Ban Tuyên giáo",
            "Sở Nội vụ",
            "Ngân hàng Nhà nước",
            "Văn phòng Trung ương Đảng"
        ]
    );
}

/// `quốc gia` after a unit's name is the national unit's; a kind in lower case stays no name.
#[test]
fn a_national_unit_takes_quoc_gia() {
    assert_eq!(
        values(
            "Kết nối với Trung tâm Dữ liệu quốc gia; Cục Viễn thám quốc gia chủ trì; tích hợp \
             với Trung tâm dữ liệu quốc gia."
        ),
        vec!["Trung tâm Dữ liệu quốc gia", "Cục Viễn thám quốc gia"]
    );
}

/// A head word inside a place whose level opens the line in title case is the place's (`Xã Nam
/// Ban Lâm Hà`); `xin` after a name is the sentence's (`Cục Thuế xin trả lời`).
#[test]
fn title_case_levels_and_xin() {
    assert_eq!(
        values("Xã Đam Rông 4\nXã Nam Ban Lâm Hà\nCục Thuế xin trả lời như sau:"),
        vec!["Cục Thuế"]
    );
}

/// A person's title after `và` ends a board's name (`… quốc gia` + `và Thủ tướng Chính phủ`);
/// the office of a board whose kind is in lower case is one name with it, and a board named by
/// what it steers takes `quốc gia`.
#[test]
fn boards_in_lower_case() {
    assert_eq!(
        values(
            "Báo cáo Ban chỉ đạo phòng chống thiên tai quốc gia và Thủ tướng Chính phủ; giao Văn \
             phòng Ban chỉ đạo phòng chống thiên tai quốc gia theo dõi."
        ),
        vec![
            "Ban chỉ đạo phòng chống thiên tai quốc gia",
            "Chính phủ",
            "Văn phòng Ban chỉ đạo phòng chống thiên tai quốc gia"
        ]
    );
}

/// Head words inside places: right after a commune's or a street's word (`xã Đoàn Kết`,
/// `đường Trường Sơn`) and inside a later place of a list after a level (`các xã Phú Hội Tây,
/// Tân Hội Bắc`); `TP.HCM` after a name is its city.
#[test]
fn places_and_city_short_names() {
    assert_eq!(
        values(
            "Nhập xã Đoàn Kết, xã Phú Mỹ; trụ sở tại đường Trường Sơn; các xã Phú Lâm, Tân \
             Hội Bắc và Tân Phú; Sở Xây dựng TP.HCM hướng dẫn."
        ),
        vec!["Sở Xây dựng TP.HCM"]
    );
}

/// The state's name after a national body is the body's; a unit word whose first word the
/// name capitalises goes on it (`Cục Người` + `có công`); `lịch sử` is a unit's word.
#[test]
fn state_names_and_capitalised_unit_words() {
    assert_eq!(
        values(
            "Theo đề nghị của Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam; Cục Người có \
             công hướng dẫn; Trung tâm Lưu trữ lịch sử tiếp nhận."
        ),
        vec![
            "Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam",
            "Cục Người có công",
            "Trung tâm Lưu trữ lịch sử"
        ]
    );
}

/// A kind of school built of parts (boarding, `liên cấp`, levels joined by `và`) is read
/// whole, and the school's name after it.
#[test]
fn schools_of_several_levels() {
    assert_eq!(
        values(
            "Khởi công Trường Phổ thông nội trú liên cấp Tiểu học và Trung học cơ sở Mường Lát; \
             Trường Tiểu học và THCS Quang Trung báo cáo."
        ),
        vec![
            "Trường Phổ thông nội trú liên cấp Tiểu học và Trung học cơ sở Mường Lát",
            "Trường Tiểu học và THCS Quang Trung"
        ]
    );
}

/// The merged press and broadcaster with its short name (`PT-TH`) and place.
#[test]
fn press_and_broadcaster_short_name() {
    assert_eq!(
        values("Đề nghị Báo và Đài PT-TH Lâm Đồng đưa tin."),
        vec!["Báo và Đài PT-TH Lâm Đồng"]
    );
}

/// English OCR's words that restoration keeps inside a name: `so` before a branch's number,
/// `ở` for the `&` of a listed name, a Roman numeral with a misread `I`.
#[test]
fn ocr_words_inside_names() {
    assert_eq!(
        values("Giao Chi nhánh so 2 Trung tâm Phục vụ hành chính công tỉnh tiếp nhận hồ sơ."),
        vec!["Chi nhánh số 2 Trung tâm Phục vụ hành chính công tỉnh"]
    );
    assert_eq!(
        values("Gửi Bộ Văn hóa, Thể thao ở Du lịch và nhà ở xã hội của Sở Xây dựng."),
        vec!["Bộ Văn hóa, Thể thao & Du lịch", "Sở Xây dựng"]
    );
    assert_eq!(
        values("nộp vào Kho bạc Nhà nước khu\nvực IIT’; Chi cục Thuế khu vực Il, tỉnh Bình Định."),
        vec!["Kho bạc Nhà nước khu vực III", "Chi cục Thuế khu vực II"]
    );
    assert_eq!(
        item_signs_read("Bộ Văn hóa, Thể thao ở Du lịch (để b/c)".to_string()),
        "Bộ Văn hóa, Thể thao & Du lịch (để b/c)"
    );
}

/// A national body in small letters as a cited document's issuer; a common noun elsewhere.
#[test]
fn issuer_in_small_letters() {
    assert_eq!(
        values(
            "sửa đổi Nghị định số 15/2020/NĐ-CP ngày 03 tháng 02 năm 2020 của chính phủ về xử \
             phạt; xây dựng chính phủ số và chính phủ điện tử."
        ),
        vec!["Chính phủ"]
    );
    assert_eq!(
        values("theo Nghị quyết số 12/2021/QH15 của quốc hội khóa XV."),
        vec!["Quốc hội"]
    );
}

/// `Chánh văn phòng` before a body: the body's office.
#[test]
fn office_of_a_chief() {
    assert_eq!(
        values("Chánh văn phòng Hội đồng nhân dân tỉnh, Giám đốc Sở Tài chính thi hành."),
        vec!["Văn phòng Hội đồng nhân dân tỉnh", "Sở Tài chính"]
    );
}

/// A portal's `điện tử` damaged by OCR in a `Nơi nhận` item; other items as they are.
#[test]
fn portal_in_an_item() {
    assert_eq!(
        item_signs_read("Cổng thông tin điện tùy Bộ Xây dựng".to_string()),
        "Cổng thông tin điện tử Bộ Xây dựng"
    );
    assert_eq!(
        item_signs_read("Cổng Thông tin điện ur tỉnh, Báo Nhân dân".to_string()),
        "Cổng Thông tin điện tử tỉnh, Báo Nhân dân"
    );
    assert_eq!(
        item_signs_read("Trung tâm Thông tin điện lực miền Nam".to_string()),
        "Trung tâm Thông tin điện lực miền Nam"
    );
}

/// A head word glued to a listed name's first word, its vowel misread (`SOY tế`, `BGTư pháp`);
/// a code that only starts so is none (`SOT`).
#[test]
fn head_glued_to_a_listed_name() {
    assert_eq!(
        values("3. SGY tế:\nchủ trì; BOTư pháp hướng dẫn; mã SOTX 12."),
        vec!["Sở Y tế", "Bộ Tư pháp"]
    );
}

/// `Ban Thường trực` alone is a kind of board (the standing board of a body named elsewhere),
/// no name, as `Ban Thường vụ` is.
#[test]
fn standing_board_alone() {
    assert_eq!(
        values("Bà Lan, Phó Trưởng Ban Thường trực, chủ trì; Ban Thường trực báo cáo Sở Nội vụ."),
        vec!["Sở Nội vụ"]
    );
}

/// `… các khu vực` after a body: one in each region, many units; `khu vực III` names one, and
/// `các khu công nghiệp` is a board's own object.
#[test]
fn one_in_each_region() {
    assert_eq!(
        values(
            "Kho bạc Nhà nước các khu vực; Kho bạc Nhà nước khu vực III và Ban Quản lý các khu \
             công nghiệp tỉnh Bình Dương."
        ),
        vec![
            "Kho bạc Nhà nước khu vực III",
            "Ban Quản lý các khu công nghiệp tỉnh Bình Dương"
        ]
    );
}

/// The public-service centre every province has is a name in any case (`Trung tâm phục vụ
/// hành chính công`), with its level and place; `các cấp` makes it many.
#[test]
fn public_service_centre() {
    assert_eq!(
        values(
            "Nộp hồ sơ tại Trung tâm phục vụ hành chính công hoặc Trung tâm Phục vụ hành chính \
             công tỉnh Hà Tĩnh; Trung tâm phục vụ hành chính công các cấp hướng dẫn."
        ),
        vec![
            "Trung tâm phục vụ hành chính công",
            "Trung tâm Phục vụ hành chính công tỉnh Hà Tĩnh"
        ]
    );
}

/// A committee or council of the Assembly written right before `Quốc hội` (no `của`) is one
/// name with it.
#[test]
fn committee_of_the_assembly() {
    assert_eq!(
        values("Gửi Ủy ban Công tác đại biểu Quốc hội, Hội đồng Dân tộc Quốc hội và Quốc hội."),
        vec![
            "Ủy ban Công tác đại biểu Quốc hội",
            "Hội đồng Dân tộc Quốc hội",
            "Quốc hội"
        ]
    );
}

/// `các Ban (của) X`: the boards of a council or Party committee, a set named by its owner;
/// the owner is no mention of its own there, and is one elsewhere.
#[test]
fn boards_of_a_body() {
    assert_eq!(
        values(
            "Giao Thường trực HĐND tỉnh, các Ban của Hội đồng nhân dân tỉnh, các Ban HĐND tỉnh \
             và Các Ban Đảng của Tỉnh ủy giám sát; Ban Tổ chức Tỉnh ủy báo cáo."
        ),
        vec!["HĐND tỉnh", "Ban Tổ chức Tỉnh ủy"]
    );
}

/// A level after `cấp` makes a kind of unit also inside quotes (`“… cấp huyện”`, a phrase an
/// amendment replaces).
#[test]
fn level_kind_inside_quotes() {
    assert_eq!(
        values(
            "Thay cụm từ “Chi cục Thi hành án dân sự cấp huyện” bằng cụm từ “Phòng Thi hành án \
             dân sự khu vực”."
        ),
        vec!["Phòng Thi hành án dân sự khu vực"]
    );
}

/// The joint office of a council and its committee written out is one name, with its level
/// and place; one in each commune (`thuộc Ủy ban nhân dân xã, phường`) is a kind.
#[test]
fn joint_office_written_out() {
    assert_eq!(
        values(
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Hòa Bình chủ trì; Văn phòng Hội \
             đồng nhân dân và Ủy ban nhân dân tham mưu; Văn phòng HĐND và UBND thuộc UBND xã, \
             phường."
        ),
        vec![
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Hòa Bình",
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"
        ]
    );
}

/// A council's board written in lower case before its council is one name with it; a kind
/// of board in lower case alone is still none.
#[test]
fn lower_case_board_of_a_council() {
    assert_eq!(
        values(
            "Theo Báo cáo của Ban pháp chế Hội đồng nhân dân thành phố Hải Phòng; Ban quản lý \
             dự án chủ trì."
        ),
        vec!["Ban pháp chế Hội đồng nhân dân thành phố Hải Phòng"]
    );
}

/// National bodies named without a head word (the armed forces, the Party) and the civil
/// judgment enforcement body with its level, as `Thuế tỉnh`; a set of levels is a kind.
#[test]
fn national_bodies_and_enforcement() {
    assert_eq!(
        values(
            "Sĩ quan Quân đội nhân dân, Công an nhân dân; Đảng Cộng sản Việt Nam lãnh đạo; Thi \
             hành án dân sự thành phố Cần Thơ, Thi hành án dân sự tỉnh, thành phố."
        ),
        vec![
            "Quân đội nhân dân",
            "Công an nhân dân",
            "Đảng Cộng sản Việt Nam",
            "Thi hành án dân sự thành phố Cần Thơ"
        ]
    );
}

/// A body's leading or campaign board alone (`Ban Giám đốc`, `Ban Vận động`) is a kind, no
/// name; with the body or fund it belongs to, it is one.
#[test]
fn leading_boards_alone() {
    assert_eq!(
        values(
            "Ban Vận động báo cáo; Ban Giám đốc chỉ đạo; Ban Giám hiệu họp; Ban Lãnh đạo thống \
             nhất; Ban Vận động Quỹ Vì người nghèo tỉnh họp."
        ),
        vec!["Ban Vận động Quỹ Vì người nghèo tỉnh"]
    );
}
