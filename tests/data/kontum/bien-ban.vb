@meta
title: Biên bản Hội nghị tổng kết phong trào thi đua năm 2023 và phát động, ký kết giao ước năm 2024
author: Khối thi đua các cơ quan Đảng tỉnh
subject: Biên bản Hội nghị tổng kết phong trào thi đua năm 2023 và phát động, ký kết giao ước năm 2024
date: 2024-02-06
@header
parent: TỈNH ỦY KON TUM
issuer: KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH
number: Số      -BB/KTĐCQĐ
place-date: Kon Tum, ngày 06 tháng 02 năm 2024

@title BIÊN BẢN
Hội nghị tổng kết phong trào thi đua năm 2023 và phát động, ký kết giao ước năm 2024
@p
Thời gian bắt đầu: 08 giờ 00 phút, ngày 06 tháng 02 năm 2024.

Địa điểm: Trường Chính trị tỉnh.

Thành phần tham dự: đại diện lãnh đạo và cán bộ tham mưu công tác thi đua - khen thưởng của 9 cơ quan thành viên trong Khối; có mặt 9/9 cơ quan thành viên (đủ các cơ quan thành viên).

Chủ trì: …………………, Hiệu trưởng Trường Chính trị tỉnh.

Thư ký: …………………, Chuyên viên.

@heading 1
I. NỘI DUNG HỘI NGHỊ
@p
Hội nghị thảo luận đánh giá về kết quả thực hiện nhiệm vụ công tác thi đua năm 2023 và phương hướng, nhiệm vụ năm 2024.


@heading 1
II. KẾT QUẢ BÌNH XÉT, ĐỀ NGHỊ KHEN THƯỞNG
@list number
Đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh cho Trường Chính trị tỉnh: hình thức biểu quyết, 9/9 phiếu đồng ý, đạt tỷ lệ 100%.
Đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho Ban Tổ chức Tỉnh ủy: hình thức biểu quyết, 9/9 phiếu đồng ý, đạt tỷ lệ 100%.
Đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho Ban Nội chính Tỉnh ủy: hình thức biểu quyết, 9/9 phiếu đồng ý, đạt tỷ lệ 100%.
Đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho Văn phòng Tỉnh ủy: hình thức biểu quyết, 9/9 phiếu đồng ý, đạt tỷ lệ 100%.

@heading 1
III. BẦU TRƯỞNG KHỐI, PHÓ KHỐI NĂM 2024
@p
Hội nghị thống nhất bầu Ban Nội chính Tỉnh ủy làm Trưởng khối thi đua và Ban Tuyên giáo Tỉnh ủy làm Phó khối thi đua năm 2024.

@heading 1
IV. KÝ KẾT GIAO ƯỚC THI ĐUA NĂM 2024
@p
Các cơ quan thành viên thống nhất ký kết giao ước thi đua năm 2024 gồm 6 nội dung.

@p
Hội nghị kết thúc vào lúc 11 giờ 00 phút cùng ngày./.
@closing
left id: thu-ky
left role: THƯ KÝ
left name: 
right id: chu-tri
right role: CHỦ TRÌ
right name: 

@closing
left label: Nơi nhận:
left item: - Ban Thi đua - Khen thưởng tỉnh;
left item: - Các cơ quan thành viên Khối;
left item: - Lưu VT, KTĐCQĐ.

