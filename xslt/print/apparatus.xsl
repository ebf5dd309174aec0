<?xml version="1.0" encoding="UTF-8"?>
<!-- Print layer: the apparatus criticus in three reledmac series, all keyed to line numbers.
       A  variant readings of the witnesses (app/rdg), with sigla
       B  editorial interventions: corrections (choice/sic/corr), sic, deletions, insertions, gaps
       C  the document's own notes (note place="foot"), under their original mark -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <xsl:import href="escape.xsl"/>
  <xsl:import href="../common/notes.xsl"/>
  <xsl:import href="../common/apparatus.xsl"/>

  <!-- ===== series A: variants ===== -->

  <!-- The base text follows lem if there is one, else the reading of the first declared witness -->
  <xsl:template name="lemma-reading">
    <xsl:variable name="first-wit" select="(ancestor::tei:TEI[1]//tei:listWit/tei:witness)[1]/@xml:id"/>
    <xsl:variable name="of-first" select="tei:rdg[contains(concat(' ', normalize-space(@wit), ' '), concat(' #', $first-wit, ' '))]"/>
    <xsl:choose>
      <xsl:when test="tei:lem"><xsl:value-of select="generate-id(tei:lem[1])"/></xsl:when>
      <xsl:when test="$of-first"><xsl:value-of select="generate-id($of-first[1])"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="generate-id((tei:rdg | tei:rdgGrp/tei:rdg)[1])"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An app whose readings differ only in milestones or printed page numbers (a page break one
       witness has) is no variant: the text shows the base reading, the margin its page break. -->
  <xsl:template match="tei:app[not(.//text()[normalize-space()][not(ancestor::tei:fw[@type = 'pageNum'])])
                               and not(.//tei:gap)]">
    <xsl:variable name="lem-id"><xsl:call-template name="lemma-reading"/></xsl:variable>
    <xsl:apply-templates select="(tei:lem | tei:rdg | tei:rdgGrp/tei:rdg)[generate-id() = $lem-id]/node()"/>
  </xsl:template>

  <xsl:template match="tei:app">
    <xsl:variable name="lem-id"><xsl:call-template name="lemma-reading"/></xsl:variable>
    <xsl:variable name="lem" select="(tei:lem | tei:rdg | tei:rdgGrp/tei:rdg)[generate-id() = $lem-id]"/>
    <xsl:variable name="others" select="(tei:rdg | tei:rdgGrp/tei:rdg)[generate-id() != $lem-id]"/>
    <xsl:text>\edtext{</xsl:text>
    <xsl:apply-templates select="$lem/node()"/>
    <xsl:text>}{</xsl:text>
    <xsl:if test="not(normalize-space($lem)) and not($lem/*)">
      <!-- nothing to hang the note on: say so in the lemma -->
      <xsl:text>\lemma{\edom{} </xsl:text>
      <xsl:call-template name="sigla-of"><xsl:with-param name="reading" select="$lem"/></xsl:call-template>
      <xsl:text>}</xsl:text>
    </xsl:if>
    <xsl:text>\Afootnote{</xsl:text>
    <xsl:if test="normalize-space($lem) or $lem/*">
      <xsl:call-template name="sigla-of"><xsl:with-param name="reading" select="$lem"/></xsl:call-template>
      <xsl:if test="$lem/@resp"><xsl:call-template name="resp-of"><xsl:with-param name="node" select="$lem"/></xsl:call-template></xsl:if>
      <xsl:if test="$others"><xsl:text>; </xsl:text></xsl:if>
    </xsl:if>
    <xsl:for-each select="$others">
      <xsl:choose>
        <xsl:when test="normalize-space(.) or *"><xsl:apply-templates mode="reading"/></xsl:when>
        <xsl:otherwise><xsl:text>\edom{}</xsl:text></xsl:otherwise>
      </xsl:choose>
      <xsl:text> </xsl:text>
      <xsl:call-template name="sigla-of"><xsl:with-param name="reading" select="."/></xsl:call-template>
      <xsl:if test="position() != last()"><xsl:text>; </xsl:text></xsl:if>
    </xsl:for-each>
    <!-- why the editors adopt a reading against the copy-text -->
    <xsl:for-each select="tei:note[@type = 'editorial']">
      <xsl:text> — </xsl:text>
      <xsl:call-template name="tex-line"><xsl:with-param name="s" select="normalize-space(.)"/></xsl:call-template>
    </xsl:for-each>
    <xsl:text>}}</xsl:text>
  </xsl:template>

  <xsl:template match="tei:app" mode="reading">
    <xsl:variable name="lem-id"><xsl:call-template name="lemma-reading"/></xsl:variable>
    <xsl:apply-templates select="(tei:lem | tei:rdg | tei:rdgGrp/tei:rdg)[generate-id() = $lem-id]/node()" mode="reading"/>
  </xsl:template>

  <!-- An app between paragraphs (a stamp or note that one witness has): each reading's blocks,
       labelled with the witnesses that have them -->
  <xsl:template match="tei:app[parent::tei:div or parent::tei:body or parent::tei:opener]">
    <xsl:apply-templates select="tei:lem/* | tei:rdg/*"/>
  </xsl:template>

  <xsl:template name="sigla-of">
    <xsl:param name="reading"/>
    <xsl:variable name="sigla">
      <xsl:call-template name="witness-sigla"><xsl:with-param name="pointers" select="$reading/@wit"/></xsl:call-template>
    </xsl:variable>
    <xsl:text>\edsiglum{</xsl:text>
    <xsl:call-template name="tex-line"><xsl:with-param name="s" select="$sigla"/></xsl:call-template>
    <xsl:text>}</xsl:text>
  </xsl:template>

  <!-- ===== series B: editorial interventions ===== -->

  <xsl:template match="tei:choice[tei:corr]">
    <xsl:text>\edtext{</xsl:text>
    <xsl:apply-templates select="tei:corr[1]/node()"/>
    <xsl:text>}{\Bfootnote{</xsl:text>
    <xsl:choose>
      <xsl:when test="tei:corr[1]/@cert = 'low' or tei:corr[1]/@cert = 'medium'">\edconj{}</xsl:when>
      <xsl:otherwise>\edcorr{}</xsl:otherwise>
    </xsl:choose>
    <xsl:text> </xsl:text>
    <xsl:apply-templates select="tei:sic[1]/node()" mode="reading"/>
    <xsl:call-template name="resp-of"><xsl:with-param name="node" select="tei:corr[1]"/></xsl:call-template>
    <xsl:text>}}</xsl:text>
  </xsl:template>

  <xsl:template match="tei:choice[tei:reg or tei:expan]">
    <xsl:variable name="shown" select="(tei:reg | tei:expan)[1]"/>
    <xsl:text>\edtext{</xsl:text>
    <xsl:apply-templates select="$shown/node()"/>
    <xsl:text>}{\Bfootnote{\edorig{} </xsl:text>
    <xsl:apply-templates select="(tei:orig | tei:abbr)[1]/node()" mode="reading"/>
    <xsl:text>}}</xsl:text>
  </xsl:template>

  <xsl:template match="tei:choice" mode="reading">
    <xsl:apply-templates select="(tei:corr | tei:reg | tei:expan)[1]/node()" mode="reading"/>
  </xsl:template>

  <xsl:template match="tei:sic[not(parent::tei:choice)]" mode="reading">
    <xsl:apply-templates mode="reading"/><xsl:text> \edsic{}</xsl:text>
  </xsl:template>

  <xsl:template match="tei:sic[not(parent::tei:choice)]">
    <xsl:text>\edtext{</xsl:text><xsl:apply-templates/><xsl:text>}{\Bfootnote{\edsic{}}}</xsl:text>
  </xsl:template>

  <xsl:template match="tei:del">
    <xsl:text>\edtext{\eddel{</xsl:text><xsl:apply-templates/><xsl:text>}}{\Bfootnote{</xsl:text>
    <xsl:choose>
      <xsl:when test="contains(@rend, 'strike')">\edstruck{}</xsl:when>
      <xsl:when test="contains(@rend, 'erase')">\ederased{}</xsl:when>
      <xsl:otherwise>\eddeleted{}</xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="hand-of"/>
    <xsl:text>}}</xsl:text>
  </xsl:template>
  <xsl:template match="tei:del" mode="reading">
    <xsl:text>\eddel{</xsl:text><xsl:apply-templates mode="reading"/><xsl:text>}</xsl:text>
  </xsl:template>

  <xsl:template match="tei:add">
    <xsl:text>\edtext{</xsl:text><xsl:apply-templates/><xsl:text>}{\Bfootnote{\edadded{</xsl:text>
    <xsl:choose>
      <xsl:when test="@place = 'above' or @place = 'interlinear'">above the line</xsl:when>
      <xsl:when test="@place = 'below'">below the line</xsl:when>
      <xsl:when test="contains(@place, 'margin')">in the margin</xsl:when>
      <xsl:when test="@place = 'inline'">in the line</xsl:when>
    </xsl:choose>
    <xsl:text>}</xsl:text>
    <xsl:call-template name="hand-of"/>
    <xsl:text>}}</xsl:text>
  </xsl:template>

  <xsl:template match="tei:gap">
    <xsl:variable name="label"><xsl:call-template name="gap-label"/></xsl:variable>
    <xsl:text>\edtext{</xsl:text>
    <xsl:apply-templates select="." mode="reading"/>
    <xsl:text>}{\Bfootnote{\edgapnote{</xsl:text>
    <xsl:call-template name="tex-line"><xsl:with-param name="s" select="$label"/></xsl:call-template>
    <xsl:text>}</xsl:text>
    <xsl:call-template name="resp-of"><xsl:with-param name="node" select="."/></xsl:call-template>
    <xsl:text>}}</xsl:text>
  </xsl:template>
  <xsl:template match="tei:gap" mode="reading">
    <xsl:choose>
      <xsl:when test="normalize-space(tei:desc)">
        <xsl:text>\edgapdesc{</xsl:text>
        <xsl:call-template name="tex-line"><xsl:with-param name="s" select="tei:desc"/></xsl:call-template>
        <xsl:text>}</xsl:text>
      </xsl:when>
      <xsl:otherwise>\edgap{}</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:unclear">
    <xsl:text>\edtext{</xsl:text><xsl:apply-templates/><xsl:text>}{\Bfootnote{\edunclear{}}}</xsl:text>
  </xsl:template>

  <xsl:template match="tei:supplied">
    <xsl:text>\edtext{\edsupplied{</xsl:text><xsl:apply-templates/><xsl:text>}}{\Bfootnote{\edsuppliednote{}</xsl:text>
    <xsl:call-template name="resp-of"><xsl:with-param name="node" select="."/></xsl:call-template>
    <xsl:text>}}</xsl:text>
  </xsl:template>
  <xsl:template match="tei:surplus">
    <xsl:text>\edtext{\edsurplus{</xsl:text><xsl:apply-templates/><xsl:text>}}{\Bfootnote{\edsurplusnote{}</xsl:text>
    <xsl:call-template name="resp-of"><xsl:with-param name="node" select="."/></xsl:call-template>
    <xsl:text>}}</xsl:text>
  </xsl:template>
  <xsl:template match="tei:surplus" mode="reading">
    <xsl:text>\edsurplus{</xsl:text><xsl:apply-templates mode="reading"/><xsl:text>}</xsl:text>
  </xsl:template>
  <xsl:template match="tei:app/tei:note[@type = 'editorial']"/>
  <xsl:template match="tei:app/tei:note[@type = 'editorial']" mode="reading"/>

  <xsl:template match="tei:supplied" mode="reading">
    <xsl:text>\edsupplied{</xsl:text><xsl:apply-templates mode="reading"/><xsl:text>}</xsl:text>
  </xsl:template>

  <!-- "(ed.)": who made the intervention, by the name declared for @resp in the titleStmt -->
  <xsl:template name="resp-of">
    <xsl:param name="node"/>
    <xsl:variable name="id" select="substring-after(normalize-space($node/@resp), '#')"/>
    <xsl:if test="$id">
      <xsl:variable name="who" select="ancestor::tei:TEI[1]/tei:teiHeader//*[@xml:id = $id]"/>
      <xsl:text> \edresp{</xsl:text>
      <xsl:choose>
        <xsl:when test="$id = 'ed' or substring($id, string-length($id) - 2) = '-ed' or $who/self::tei:editor">ed.</xsl:when>
        <xsl:when test="$who/tei:name"><xsl:call-template name="tex-line"><xsl:with-param name="s" select="$who/tei:name"/></xsl:call-template></xsl:when>
        <xsl:otherwise><xsl:call-template name="tex-line"><xsl:with-param name="s" select="$id"/></xsl:call-template></xsl:otherwise>
      </xsl:choose>
      <xsl:text>}</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template name="hand-of">
    <xsl:if test="@hand">
      <xsl:text> \edresp{</xsl:text>
      <xsl:call-template name="tex-line"><xsl:with-param name="s" select="substring-after(@hand, '#')"/></xsl:call-template>
      <xsl:text>}</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- ===== series C: the document's own notes, under their own mark ===== -->

  <xsl:template name="footnote">
    <xsl:variable name="mark"><xsl:call-template name="note-mark"/></xsl:variable>
    <xsl:text>\edtext{\ednotemark{</xsl:text>
    <xsl:call-template name="tex-line"><xsl:with-param name="s" select="$mark"/></xsl:call-template>
    <xsl:text>}}{\Cfootnote{</xsl:text>
    <xsl:apply-templates mode="reading"/>
    <xsl:text>}}</xsl:text>
  </xsl:template>
</xsl:stylesheet>
