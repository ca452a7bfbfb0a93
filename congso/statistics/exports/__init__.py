"""Form 06 exports in the official layout of Biểu số 06/VPCP/KSTT: Excel (`xlsx.form06_xlsx`) and PDF
(`pdf.form06_pdf`), both built from the same sheet model (`layout.build`) and returned as bytes."""
