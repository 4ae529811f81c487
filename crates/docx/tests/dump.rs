mod common;
use vanban_model::Block;
#[test]
fn dump() {
    std::fs::write("/tmp/pledge.docx", common::render(common::PLEDGE, "dang")).unwrap();
    std::fs::write(
        "/tmp/proposal.docx",
        common::render(common::PROPOSAL, "nha-nuoc"),
    )
    .unwrap();
    let mut doc = common::doc(
        "@p site\nBan Tuyên giáo Tỉnh ủy Kon Tum\n@p news-title\nKhối thi đua các cơ quan Đảng tỉnh tổng kết phong trào thi đua năm 2023\n@p\nSáng 06-02, tại Trường Chính trị tỉnh, Khối thi đua tổ chức Hội nghị.\n@image path=a.png\nQuang cảnh Hội nghị\n@image path=b.jpg\nẢnh hai\n@p byline\nTin, ảnh: Ngô Đức Hải\n",
    );
    let data = [
        std::fs::read("/tmp/lo/small-1.png").unwrap(),
        std::fs::read("/tmp/lo/smallj-2.jpg").unwrap(),
    ];
    let mut it = data.into_iter();
    for b in doc.blocks.iter_mut() {
        if let Block::Image(i) = b {
            i.data = it.next().unwrap();
        }
    }
    std::fs::write(
        "/tmp/news.docx",
        vanban_docx::write(
            &doc,
            &common::profile("dang"),
            vanban_font::Fonts::embedded(),
        )
        .unwrap(),
    )
    .unwrap();
}
